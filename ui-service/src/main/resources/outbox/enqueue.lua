-- Queues one post in the outbox, atomically: Redis runs a script whole, so every replica sees one order.
-- KEYS[1]: the hash of queued posts by Idempotency-Key; KEYS[2]: the stream the deliverers read.
-- ARGV[1]: the post's Idempotency-Key; ARGV[2]: the post as JSON.
-- Answers {'queued'}; or {'exists', the first post's JSON} when the key is already queued, and then adds nothing:
-- a key is queued once, and the caller tells the same form sent again from the same key with another text.
local first = redis.call('HGET', KEYS[1], ARGV[1])
if first then
  return {'exists', first}
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('XADD', KEYS[2], '*', 'key', ARGV[1])
return {'queued'}
