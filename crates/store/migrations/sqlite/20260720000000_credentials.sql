-- Verifiable credentials (Open Badges 3.0) and the platform's signing keys
-- (sqlite). Keep in step with ../postgres/.

-- Ed25519 keys. `name` is the fragment of the verification method
-- (did:web:...#name). `private_key` (the seed, base64url) is null for a
-- key restored from a backup: backups carry public keys only, so old
-- credentials keep verifying while a restored server signs with a new key.
-- The active key is the newest one with a private key and no retired_at.
create table credential_keys (
    id integer primary key,
    name text not null unique,
    public_key text not null,
    private_key text,
    created_at text not null,
    retired_at text
);

-- Issued credentials. `jwt` is the signed credential exactly as issued
-- (never rewritten); `status_index` is its bit in the revocation status
-- lists; revoking sets revoked_at, which sets that bit.
create table credentials (
    id text primary key,
    kind text not null,
    user_id integer not null references users(id) on delete cascade,
    workshop_id integer references workshops(id) on delete cascade,
    status_index integer not null unique,
    key_name text not null,
    jwt text not null,
    valid_from text not null,
    valid_until text,
    issued_at text not null,
    issued_by text not null,
    revoked_at text,
    revocation_reason text
);
create index credentials_by_user on credentials(user_id);
-- One workshop completion credential per person and workshop.
create unique index credentials_one_per_workshop on credentials(user_id, workshop_id)
    where kind = 'workshop_completion';
