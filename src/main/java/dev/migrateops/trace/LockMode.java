package dev.migrateops.trace;

/** PostgreSQL's table lock modes, weakest first, as {@code pg_locks.mode} names them. */
public enum LockMode {
    ACCESS_SHARE("AccessShareLock"),
    ROW_SHARE("RowShareLock"),
    ROW_EXCLUSIVE("RowExclusiveLock"),
    SHARE_UPDATE_EXCLUSIVE("ShareUpdateExclusiveLock"),
    SHARE("ShareLock"),
    SHARE_ROW_EXCLUSIVE("ShareRowExclusiveLock"),
    EXCLUSIVE("ExclusiveLock"),
    ACCESS_EXCLUSIVE("AccessExclusiveLock");

    private final String pgName;

    LockMode(String pgName) {
        this.pgName = pgName;
    }

    static LockMode of(String pgName) {
        for (LockMode mode : values()) {
            if (mode.pgName.equals(pgName)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown lock mode " + pgName);
    }

    /** Writers (INSERT, UPDATE, DELETE) wait while it is held: SHARE and stronger. */
    public boolean blocksWrites() {
        return compareTo(SHARE) >= 0;
    }

    /** Readers wait too. */
    public boolean blocksReads() {
        return this == ACCESS_EXCLUSIVE;
    }

    /** "ACCESS EXCLUSIVE", as the documentation writes it. */
    public String display() {
        return name().replace('_', ' ');
    }
}
