-- The signed-in employee a web chat conversation was opened for, when certdesk.webchat.require-sign-in
-- is on (org.certdesk.bot.channel.webchat): the conversation's activities carry this identity, not the
-- one the browser claims, and only this user may refresh its token. Null when sign-in is not required.
ALTER TABLE webchat_conversations ADD COLUMN user_id VARCHAR(256);
ALTER TABLE webchat_conversations ADD COLUMN user_name VARCHAR(256);
