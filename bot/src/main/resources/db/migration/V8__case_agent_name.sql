-- The name of the agent who took a case, as people read it ("taken by Alice Martin"): taken_by holds
-- the account the case belongs to, which for Entra ID sign-ins is the immutable object id.
ALTER TABLE handoffs ADD COLUMN taken_by_name VARCHAR(256);
