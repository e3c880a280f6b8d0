import FluentKit
import SQLKit

/// What a server needs to keep collectors' queues in memory between loads and still show every
/// change the moment it is committed, by any process (issue 5: the queue is the page collectors
/// load most, and rebuilding it from SQLite's cold page cache on every load was most of its cost):
/// - `change_counters.work_queue` goes up whenever a row the queue shows changes: an action, a
///   case, or a customer's name;
/// - `contact_changes` gets the customer's id whenever a record the contact policy reads changes
///   (attempts, flags, contact points, appointments, a customer's time zone or contact details),
///   in commit order (`seq`), so that only that customer's cached verdicts are dropped.
/// Triggers keep both on SQLite, where `WorkQueueCache` uses them. On PostgreSQL the tables exist
/// (the schema is the same) but stay empty: a single counter row that every writing transaction
/// locks would queue PostgreSQL's concurrent writers behind each other, and its shared buffers do
/// not go cold between transactions, so the queue is read afresh there.
struct AddWorkQueueChangeTracking: AsyncMigration {
    let name = "ArrearsStore.AddWorkQueueChangeTracking"

    static let queueTables = ["actions", "cases"]
    static let contactTables = ["contact_attempts", "customer_flags", "contact_points", "contact_appointments"]

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await database.schema("change_counters")
            .field("name", .string, .required)
            .field("value", .int64, .required)
            .unique(on: "name")
            .create()
        try await sql.raw("INSERT INTO change_counters (name, value) VALUES ('work_queue', 0)").run()
        guard sql.dialect.name == "sqlite" else {
            try await database.schema("contact_changes")
                .field("seq", .int64, .identifier(auto: true))
                .field("customer_id", .string, .required)
                .create()
            return
        }
        // AUTOINCREMENT: a sequence number is never handed out twice, even after rows are deleted.
        try await sql.raw("CREATE TABLE contact_changes (seq INTEGER PRIMARY KEY AUTOINCREMENT, customer_id TEXT NOT NULL)").run()
        let bump = "UPDATE change_counters SET value = value + 1 WHERE name = 'work_queue';"
        for table in Self.queueTables {
            for event in ["INSERT", "UPDATE", "DELETE"] {
                try await sql.raw("CREATE TRIGGER \(unsafeRaw: table)_\(unsafeRaw: event.lowercased())_work_queue AFTER \(unsafeRaw: event) ON \(unsafeRaw: table) BEGIN \(unsafeRaw: bump) END").run()
            }
        }
        try await sql.raw("""
            CREATE TRIGGER customers_update_work_queue AFTER UPDATE OF name ON customers WHEN OLD.name IS NOT NEW.name
            BEGIN \(unsafeRaw: bump) END
            """).run()
        try await sql.raw("CREATE TRIGGER customers_delete_work_queue AFTER DELETE ON customers BEGIN \(unsafeRaw: bump) END").run()
        for table in Self.contactTables {
            try await sql.raw("""
                CREATE TRIGGER \(unsafeRaw: table)_insert_contact_changes AFTER INSERT ON \(unsafeRaw: table)
                BEGIN INSERT INTO contact_changes (customer_id) VALUES (NEW.customer_id); END
                """).run()
            try await sql.raw("""
                CREATE TRIGGER \(unsafeRaw: table)_update_contact_changes AFTER UPDATE ON \(unsafeRaw: table)
                BEGIN INSERT INTO contact_changes (customer_id) VALUES (OLD.customer_id); INSERT INTO contact_changes (customer_id) VALUES (NEW.customer_id); END
                """).run()
            try await sql.raw("""
                CREATE TRIGGER \(unsafeRaw: table)_delete_contact_changes AFTER DELETE ON \(unsafeRaw: table)
                BEGIN INSERT INTO contact_changes (customer_id) VALUES (OLD.customer_id); END
                """).run()
        }
        try await sql.raw("""
            CREATE TRIGGER customers_update_contact_changes AFTER UPDATE ON customers
            WHEN OLD.time_zone IS NOT NEW.time_zone OR OLD.mobile IS NOT NEW.mobile OR OLD.email IS NOT NEW.email OR OLD.address IS NOT NEW.address
            BEGIN INSERT INTO contact_changes (customer_id) VALUES (NEW.id); END
            """).run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        if sql.dialect.name == "sqlite" {
            var triggers = ["customers_update_work_queue", "customers_delete_work_queue", "customers_update_contact_changes"]
            for table in Self.queueTables { triggers += ["insert", "update", "delete"].map { "\(table)_\($0)_work_queue" } }
            for table in Self.contactTables { triggers += ["insert", "update", "delete"].map { "\(table)_\($0)_contact_changes" } }
            for trigger in triggers { try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: trigger)").run() }
        }
        try await database.schema("contact_changes").delete()
        try await database.schema("change_counters").delete()
    }
}
