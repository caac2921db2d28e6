//! The Alliance's competence catalogue beside ESCO: the agency's twelve skill codes as
//! its first local skills, Danish names replaced, a local skill's code kept unique.

use crate::both;
use store::competences::{DanishName, LocalSkill};
use store::{Actor, Store, StoreError};

both!(
    the_agencys_skills_are_local_skills_and_names_are_replaced,
    |store: Store| async move {
        let by = Actor("coordinator".into());
        let local = store.local_skills().await.unwrap();
        let codes: Vec<&str> = local.iter().map(|s| s.code.as_str()).collect();
        for skill in domain::catalogue::Skill::ALL {
            assert!(codes.contains(&skill.code()), "{skill} kept: {codes:?}");
        }
        let forklift = local.iter().find(|s| s.code == "forklift").unwrap();
        assert_eq!(
            forklift.esco_id.as_deref(),
            Some("28cb374e-6261-4133-8371-f9a5470145da")
        );
        assert!(
            local
                .iter()
                .find(|s| s.code == "cargo_bike")
                .unwrap()
                .esco_id
                .is_none()
        );

        let name = |text: &str| DanishName {
            kind: "skill".into(),
            esco_id: "28cb374e-6261-4133-8371-f9a5470145da".into(),
            name_da: text.into(),
        };
        store
            .set_danish_name(&name("Kør gaffeltruck"), &by)
            .await
            .unwrap();
        store
            .set_danish_name(&name("Truckkørsel"), &by)
            .await
            .unwrap();
        assert_eq!(store.danish_names().await.unwrap(), [name("Truckkørsel")]);

        let skill = LocalSkill {
            id: 0,
            code: "truckcertifikat_b".into(),
            name_da: "Truckcertifikat B".into(),
            name_en: "Forklift certificate B".into(),
            esco_id: Some("28cb374e-6261-4133-8371-f9a5470145da".into()),
        };
        store.add_local_skill(&skill, &by).await.unwrap();
        assert!(matches!(
            store.add_local_skill(&skill, &by).await,
            Err(StoreError::Conflict(_))
        ));
        assert_eq!(store.local_skills().await.unwrap().len(), 13);
    }
);
