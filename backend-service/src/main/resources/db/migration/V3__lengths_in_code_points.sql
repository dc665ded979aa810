-- The rules count characters as code points (40 and 280), and H2 counts VARCHAR lengths in UTF-16 units: a code
-- point outside the Basic Multilingual Plane, such as an emoji, takes two. Twice the rule's length always fits.
ALTER TABLE messages ALTER COLUMN author SET DATA TYPE VARCHAR(80);
ALTER TABLE messages ALTER COLUMN text SET DATA TYPE VARCHAR(560);
