#ifndef C_ARREARS_SQLITE_H
#define C_ARREARS_SQLITE_H

/// Turns on SQLite's query planner stability guarantee for the connection `db` (a `sqlite3 *`).
/// Without it SQLite marks statements whose plan could depend on a bound value (any with an
/// ORDER BY, among others) to be compiled again after every new binding, which defeats keeping
/// prepared statements. `sqlite3_db_config` is variadic, which Swift cannot call, hence this file.
/// Returns SQLite's result code.
int arrears_sqlite_enable_query_planner_stability(void *db);

#endif
