-- Door codes are unique within an event, so one code checks in one registration.
CREATE UNIQUE INDEX festival_registrations_code ON festival_registrations (event_id, code);
