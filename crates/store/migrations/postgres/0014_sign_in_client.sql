-- Sign-in failures count per client address too: per address and e-mail, so nobody can
-- lock a coordinator out from elsewhere, and per address across e-mails, so trying one
-- password on many accounts is slowed. Attempts from before this have no address ('').
ALTER TABLE sign_in_attempts ADD COLUMN client TEXT NOT NULL DEFAULT '';
CREATE INDEX sign_in_attempts_client ON sign_in_attempts (client, at);
