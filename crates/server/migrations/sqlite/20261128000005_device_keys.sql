-- A random secret per account, handed to the account's devices at login
-- (never in a log). A device wraps its local data key with it as well as
-- with the volunteer's PIN, so a forgotten PIN costs a password login,
-- not the unsent records encrypted on the phone.
ALTER TABLE accounts ADD COLUMN device_key TEXT;
UPDATE accounts SET device_key = lower(hex(randomblob(32))) WHERE device_key IS NULL;
