-- Runs once, on the first start against an empty data directory: Flyway never repeats a versioned migration.
INSERT INTO messages (author, text, created_at) VALUES
    ('Ada', 'Welcome to Faultline! Every message here came from the backend, or from the UI''s last-known-good cache.', TIMESTAMP WITH TIME ZONE '2026-01-01 09:00:00+00'),
    ('Grace', 'Timeouts turn slow failures into fast ones. Without them, one hanging dependency can sink the whole ship.', TIMESTAMP WITH TIME ZONE '2026-01-01 09:01:00+00'),
    ('Linus', 'Retry with exponential backoff and jitter, but only what is worth retrying: never a 400.', TIMESTAMP WITH TIME ZONE '2026-01-01 09:02:00+00'),
    ('Margaret', 'A circuit breaker stops calling a backend that is down, and heals by itself through HALF_OPEN.', TIMESTAMP WITH TIME ZONE '2026-01-01 09:03:00+00'),
    ('Barbara', 'Bulkheads keep one flooded compartment from taking all the threads. Try the hang fault and see.', TIMESTAMP WITH TIME ZONE '2026-01-01 09:04:00+00');
