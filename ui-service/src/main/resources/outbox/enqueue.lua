-- Queues one post in the outbox, atomically: Redis runs a script whole, so every replica sees one order, and the
-- cap holds across replicas without overshoot.
-- KEYS[1]: the hash of queued posts by Idempotency-Key; KEYS[2]: the stream the deliverers read.
-- ARGV[1]: the post's Idempotency-Key; ARGV[2]: the post as JSON; ARGV[3]: the most posts that may wait.
-- Answers {'queued'}; {'exists', the first post's JSON} when the key is already queued, and then adds nothing (a key
-- is queued once; the caller tells the same form sent again from the same key with another text); or {'full'} when
-- the stream already holds the most posts that may wait (a post leaves it once delivered or marked failed).
local first = redis.call('HGET', KEYS[1], ARGV[1])
if first then
  return {'exists', first}
end
if redis.call('XLEN', KEYS[2]) >= tonumber(ARGV[3]) then
  return {'full'}
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('XADD', KEYS[2], '*', 'key', ARGV[1])
return {'queued'}
