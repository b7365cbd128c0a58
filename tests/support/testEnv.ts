// Tests talk to the local stack; unless told otherwise they use its test database, never the demo one.
process.env.DATABASE_URL ??= 'postgres://jicha:jicha@127.0.0.1:54329/jicha_test';
process.env.NODE_ENV ??= 'test';
process.env.LOG_LEVEL ??= 'warn';
