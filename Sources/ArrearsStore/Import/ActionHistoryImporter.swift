import ArrearsCore
import Foundation
import SQLKit

/// Imports a bank's history of actions (`arrears import actions FILE`, issue 27), all or nothing.
///
/// The file is read in batches; each row is checked (fields, the customer imported before, the
/// id not twice in the file, an id already stored only with the same content) and written to
/// `action_history` inside one transaction. Any error rolls the whole file back; every error is
/// reported with its row and column. Imported actions are history for the response models only:
/// no task, message, letter or cadence mark comes of them.
public struct ActionHistoryImporter: Sendable {
    public let store: Store
    public var batchSize = 1000
    public var actor = AuditEvent.commandLineActor
    /// An action is not dated after the bank's today (`config/dates.yaml`).
    public var dateRules = InputDateRules()
    public var now: Date?

    public init(store: Store) { self.store = store }

    static let table = BulkInsert(table: "action_history", columns: ["id", "customer_id", "action_date", "channel", "cell", "propensity"],
                                  key: ["id"], onConflict: .ignore)

    /// Imports `path`. Each error goes to `report` as it is found; if there was any,
    /// `ImportRejected` is thrown and nothing is stored.
    public func importFile(path: String, report: @escaping @Sendable (ImportIssue) -> Void) async throws -> ActionImportSummary {
        let started = Date()
        let dates = dateRules.paymentDates(now: now ?? started)
        let batchSize = self.batchSize, actor = self.actor
        let (rows, added) = try await store.transaction(alone: true) { database in
            var run = try ActionHistoryRun(path: path, database: database, dates: dates, report: report)
            try await run.readAll(batchSize: batchSize)
            if run.issueCount > 0 { throw ImportRejected(file: path, issueCount: run.issueCount) }
            try await AuditLog.append([AuditEvent(actor: actor, action: "import.actions", subject: (path as NSString).lastPathComponent,
                                                  details: ["rows": String(run.rowCount), "added": String(run.added), "path": path])], on: database)
            return (run.rowCount, run.added)
        }
        return ActionImportSummary(file: path, rows: rows, added: added, seconds: Date().timeIntervalSince(started))
    }
}

/// What an accepted actions import did: rows read, and how many were new (the others were
/// already stored with the same content).
public struct ActionImportSummary: Equatable, Sendable {
    public let file: String
    public let rows: Int
    public let added: Int
    public let seconds: Double
}

/// The state of one actions import while it reads the file.
private struct ActionHistoryRun: ImportFileRun {
    let path: String
    let database: any SQLDatabase
    let dates: ClosedRange<LocalDate>
    let report: @Sendable (ImportIssue) -> Void
    let reader: CSVReader
    let names: [String]
    let positions: [Int]
    let headerWidth: Int
    var issueCount = 0
    var rowCount = 0
    var added = 0
    /// Each id of the file with the row it was first on.
    var seen: [String: Int] = [:]

    init(path: String, database: any SQLDatabase, dates: ClosedRange<LocalDate>, report: @escaping @Sendable (ImportIssue) -> Void) throws {
        self.path = path
        self.database = database
        self.dates = dates
        self.report = report
        let (reader, checked) = try Self.open(path, fileKind: "actions", columns: ActionRecord.columns, required: ActionRecord.requiredColumns,
                                              report: report)
        self.reader = reader
        let sorted = checked.index.sorted { $0.value < $1.value }
        names = sorted.map(\.key)
        positions = sorted.map(\.value)
        headerWidth = checked.width
    }

    mutating func readAll(batchSize: Int) async throws {
        var batch: [CSVRecord] = []
        while let record = nextRecord() {
            rowCount += 1
            batch.append(record)
            if batch.count >= batchSize {
                try await process(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        try await process(batch)
    }

    private mutating func process(_ records: [CSVRecord]) async throws {
        var parsed: [(line: Int, action: ActionRecord)] = []
        for record in records {
            if record.hasInvalidUTF8 { fail(record.line, nil, CSVError.invalidUTF8(line: record.line).description); continue }
            if record.fields.count != headerWidth {
                fail(record.line, nil, "has \(record.fields.count) fields but the header has \(headerWidth)")
                continue
            }
            var reader = FieldReader(names: names, positions: positions, fields: record.fields)
            let id = reader.raw("action_id")
            if !id.isEmpty {
                if let first = seen[id] {
                    fail(record.line, "action_id", "duplicate action_id '\(id)' in the file (first on row \(first))")
                    continue
                }
                seen[id] = record.line
            }
            do {
                parsed.append((record.line, try ActionRecord(reading: &reader, within: dates)))
            } catch {
                for issue in error.errors { fail(record.line, issue.column, issue.message) }
            }
        }
        guard !parsed.isEmpty else { return }
        let customers = try await ReferenceLookup(database: database).existingCustomers(Set(parsed.map(\.action.customerId)))
        let stored = try await storedActions(Set(parsed.map(\.action.id)))
        var rows: [[BulkValue]] = []
        for (line, action) in parsed {
            if !customers.contains(action.customerId) {
                fail(line, "customer_id", "unknown customer '\(action.customerId)'; import it in customers first")
                continue
            }
            if let existing = stored[action.id] {
                let differences = existing.differences(from: action)
                if !differences.isEmpty {
                    fail(line, "action_id", "'\(action.id)' is already stored with other content (stored \(differences.joined(separator: ", "))); an action id cannot be reused")
                }
                continue
            }
            rows.append([.text(action.id), .text(action.customerId), .text(action.date.description), .text(action.channel.rawValue),
                         action.cell.map(BulkValue.text) ?? .null, action.propensity.map { .text(String($0)) } ?? .null])
        }
        guard issueCount == 0, !rows.isEmpty else { return }
        try await BulkWriter(database: database).insert(ActionHistoryImporter.table, rows)
        added += rows.count
    }

    /// The actions already stored under these ids.
    private func storedActions(_ ids: Set<String>) async throws -> [String: ActionRecord] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await database.select().columns("id", "customer_id", "action_date", "channel", "cell", "propensity")
            .from("action_history").where("id", .in, Array(ids)).all()
        var result: [String: ActionRecord] = [:]
        for row in rows {
            let id = try row.decode(column: "id", as: String.self)
            let dateText = try row.decode(column: "action_date", as: String.self)
            let channelText = try row.decode(column: "channel", as: String.self)
            guard let date = LocalDate(iso: dateText), let channel = ActionChannel(rawValue: channelText) else {
                throw ScoringError.badStoredDate(column: "action_history.action_date", value: dateText)
            }
            result[id] = ActionRecord(id: id, customerId: try row.decode(column: "customer_id", as: String.self), date: date, channel: channel,
                                      cell: try row.decode(column: "cell", as: String?.self),
                                      propensity: try row.decode(column: "propensity", as: String?.self).flatMap(Double.init))
        }
        return result
    }
}
