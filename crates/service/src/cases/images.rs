//! A case's images: JPEG, PNG or WebP of at most 5 MB, their type and size read from
//! their content (never from a name or a header the browser sent), with alt text.

use crate::indicators::editors_only;
use crate::{Result, ServiceError};
use chrono::{DateTime, Utc};
use domain::actor::Actor;
use domain::contact::{optional_text, required_text};
use domain::problem::Errors;
use store::Store;
use store::images::Image;

/// The largest image kept, in bytes.
pub const MAX_IMAGE_BYTES: usize = 5 * 1024 * 1024;
/// The widest or tallest image kept, in pixels.
pub const MAX_IMAGE_SIDE: usize = 10_000;
/// The longest alt text, in characters.
pub const MAX_ALT_CHARS: usize = 300;

/// The media type and size an image's bytes say it has, or why it is not one kommune
/// keeps.
pub fn examine(bytes: &[u8]) -> std::result::Result<(&'static str, usize, usize), String> {
    if bytes.is_empty() {
        return Err("is empty".into());
    }
    if bytes.len() > MAX_IMAGE_BYTES {
        return Err(format!(
            "is larger than {} MB",
            MAX_IMAGE_BYTES / 1024 / 1024
        ));
    }
    let media_type = match imagesize::image_type(bytes) {
        Ok(imagesize::ImageType::Jpeg) => "image/jpeg",
        Ok(imagesize::ImageType::Png) => "image/png",
        Ok(imagesize::ImageType::Webp) => "image/webp",
        _ => return Err("is not a JPEG, PNG or WebP image".into()),
    };
    let size =
        imagesize::blob_size(bytes).map_err(|_| "is not a JPEG, PNG or WebP image".to_string())?;
    if size.width == 0 || size.height == 0 {
        return Err("has no pixels".into());
    }
    if size.width > MAX_IMAGE_SIDE || size.height > MAX_IMAGE_SIDE {
        return Err(format!("is wider or taller than {MAX_IMAGE_SIDE} pixels"));
    }
    Ok((media_type, size.width, size.height))
}

/// Adds an image to the case `slug` (any of its languages); answers its id.
pub async fn add(
    store: &Store,
    by: &Actor,
    slug: &str,
    alt_da: &str,
    alt_en: &str,
    bytes: &[u8],
    now: DateTime<Utc>,
) -> Result<i64> {
    editors_only(by)?;
    let mut e = Errors::new();
    let alt_da = e.check("alt_da", required_text(alt_da, MAX_ALT_CHARS));
    let alt_en = e.check("alt_en", optional_text(alt_en, MAX_ALT_CHARS));
    let examined = match examine(bytes) {
        Ok(found) => Some(found),
        Err(why) => {
            e.push("image", why);
            None
        }
    };
    let (image, (media_type, width, height)) = e
        .finish(|| {
            Some((
                Image {
                    slug: slug.to_string(),
                    alt_da: alt_da?,
                    alt_en: alt_en?,
                    ..Image::default()
                },
                examined?,
            ))
        })
        .map_err(ServiceError::Invalid)?;
    if store.case(slug).await?.is_empty() {
        return Err(ServiceError::NotFound(format!("case {slug}")));
    }
    let image = Image {
        media_type: media_type.to_string(),
        width: i64::try_from(width).unwrap_or(i64::MAX),
        height: i64::try_from(height).unwrap_or(i64::MAX),
        ..image
    };
    Ok(store
        .add_image(&image, bytes, &crate::recorded(by), now)
        .await?)
}

/// Removes an image from its case.
pub async fn remove(store: &Store, by: &Actor, slug: &str, id: i64) -> Result<()> {
    editors_only(by)?;
    if store.remove_image(slug, id).await? {
        Ok(())
    } else {
        Err(ServiceError::NotFound(format!("image {id} of case {slug}")))
    }
}

/// An image anyone may fetch: one of a published case.
pub async fn public(store: &Store, id: i64) -> Result<Option<(Image, Vec<u8>)>> {
    let Some((image, bytes)) = store.image(id).await? else {
        return Ok(None);
    };
    let published = store
        .case(&image.slug)
        .await?
        .iter()
        .any(|c| c.status == "published");
    Ok(published.then_some((image, bytes)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The smallest PNG: one transparent pixel.
    const PIXEL_PNG: &[u8] = &[
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44,
        0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f,
        0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0a, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00,
        0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49,
        0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
    ];

    #[test]
    fn an_image_is_known_by_its_content() {
        assert_eq!(examine(PIXEL_PNG), Ok(("image/png", 1, 1)));
        assert!(examine(b"<svg xmlns='http://www.w3.org/2000/svg'/>").is_err());
        assert!(examine(b"GIF89a\x01\x00\x01\x00").is_err());
        assert!(examine(b"").is_err());
        let mut huge = PIXEL_PNG.to_vec();
        huge.resize(MAX_IMAGE_BYTES + 1, 0);
        assert_eq!(examine(&huge), Err("is larger than 5 MB".to_string()));
    }
}
