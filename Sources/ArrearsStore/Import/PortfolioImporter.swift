import ArrearsCore
import Foundation
import SQLiteKit
import SQLKit

/// Imports one CSV file of customers, accounts, dues or payments, all or nothing.
///
/// The file is read once, streaming, in batches of `batchSize` records; each batch is checked
/// (fields, references to stored customers and accounts, duplicates in the file, payments that
/// come again with other content) and upserted inside a single transaction. Any error anywhere
/// rolls the whole file back, and every error is reported with its row and column.
///
/// Memory: one batch of records plus an 8-byte hash per key seen, to find duplicates in the
/// file; a hash that comes twice is confirmed exactly by a second read of the file.
public struct PortfolioImporter: Sendable {
    public let store: Store
    public var batchSize = 1000
    /// Who is importing, for the audit log.
    public var actor = AuditEvent.commandLineActor
    /// The dates payments and dues may have (`config/dates.yaml`): a payment is not dated after
    /// the bank's today, a due not beyond the longest loan term ahead.
    public var dateRules = InputDateRules()
    /// The moment "today" is taken at; nil for the clock when the import starts.
    public var now: Date?

    public init(store: Store) { self.store = store }

    /// Imports `path` as `kind`. Each error is passed to `report` as it is found; if there was any,
    /// `ImportRejected` is thrown and nothing is stored.
    public func importFile(
        _ kind: ImportKind, path: String, report: @escaping @Sendable (ImportIssue) -> Void
    ) async throws -> ImportSummary {
        let started = Date()
        let file = path
        let batchSize = self.batchSize
        let actor = self.actor
        let cipher = store.cipher
        let now = self.now ?? started
        let dates = ImportDates(payments: dateRules.paymentDates(now: now), dues: dateRules.dueDates(now: now))
        var salt = 0
        while true {
            let outcome = try await store.transaction(retryingCollisions: { [salt] database -> Int in
                var run = try ImportRun(kind: kind, path: path, database: database, cipher: cipher, dates: dates, batchSize: batchSize, salt: salt,
                                        report: report)
                try await run.readAll()
                let onlyCollisions = try run.confirmDuplicates()
                if run.issueCount > 0 { throw ImportRejected(file: file, issueCount: run.issueCount) }
                if onlyCollisions { throw HashCollision() }
                try await AuditLog.append([AuditEvent(actor: actor, action: "import.\(kind.rawValue)", subject: (file as NSString).lastPathComponent,
                                                      details: ["rows": String(run.rowCount), "path": file])], on: database)
                return run.rowCount
            })
            salt += 1
            if let rows = outcome { return ImportSummary(kind: kind, file: file, rows: rows, seconds: Date().timeIntervalSince(started)) }
        }
    }
}

/// Two different keys of one file shared a hash: the rows held back as duplicates were not, so
/// the import is rolled back and read again with another salt (odds about one in a million).
private struct HashCollision: Error {}

extension Store {
    fileprivate func transaction<T: Sendable>(retryingCollisions work: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T? {
        do { return try await transaction(alone: true, work) } catch is HashCollision { return nil }
    }
}

/// The dates a payment's and a due's row may hold in this import.
private struct ImportDates: Sendable {
    let payments: ClosedRange<LocalDate>
    let dues: ClosedRange<LocalDate>
}

/// The state of one import while it reads the file.
private struct ImportRun: ImportFileRun {
    let kind: ImportKind
    let path: String
    let database: any SQLDatabase
    /// Seals customers' ID and mobile numbers, e-mail and postal addresses when the store has a data key.
    let cipher: FieldCipher?
    let dates: ImportDates
    let batchSize: Int
    let salt: Int
    let report: @Sendable (ImportIssue) -> Void
    let reader: CSVReader
    /// The header's columns and their positions, side by side, for `fieldReader`.
    let columnNames: [String]
    let columnPositions: [Int]
    /// The positions of the file's key columns (`Int.max` for one missing from the header).
    let keyPositions: [Int]
    let headerWidth: Int

    var issueCount = 0
    var rowCount = 0
    /// The batch being written while the next one is read and checked (one at a time).
    var pendingWrite: Task<Void, any Error>?
    /// Every stored account's currency, for dues and payments: portfolio-sized, not file-sized.
    var accountCurrencies: [String: Currency] = [:]
    /// When no payment was stored before this import, a payment id can only clash within the
    /// file, which the duplicate check already catches: the per-batch lookup is skipped.
    var paymentsWereEmpty = false
    /// For a first load of accounts (none stored before), every stored customer's id: the batches
    /// are then checked without waiting for the write before them to end, and no stored account
    /// can differ in currency. Nil otherwise, when each batch looks its references up.
    var customerIds: Set<String>?
    var seenKeys = Set<Int>()
    /// Whether every key so far came after the one before (see `noteKey`), and the last row's fields.
    var keysAscending = true
    var previousKeyFields: [String]?
    /// On SQLite, the secondary indexes of the file's table when the table was empty: dropped for
    /// the load and built at its end (the checks never read them).
    var deferredIndexes = DeferredIndexes(definitions: [])
    /// On PostgreSQL, the load through `COPY` the batches are written with: straight into the
    /// file's table when it was empty, else through a staging table merged at the end.
    var copyLoad: CopyLoad?
    var suspectedDuplicates: [(line: Int, key: String)] = []

    init(kind: ImportKind, path: String, database: any SQLDatabase, cipher: FieldCipher?, dates: ImportDates, batchSize: Int, salt: Int,
         report: @escaping @Sendable (ImportIssue) -> Void) throws {
        self.kind = kind
        self.path = path
        self.database = database
        self.cipher = cipher
        self.dates = dates
        self.batchSize = batchSize
        self.salt = salt
        self.report = report
        let (reader, checked) = try Self.open(path, fileKind: kind.rawValue, columns: kind.columns, required: kind.requiredColumns, report: report)
        self.reader = reader
        let index = checked.index
        let ordered = index.sorted { $0.value < $1.value }
        columnNames = ordered.map(\.key)
        columnPositions = ordered.map(\.value)
        keyPositions = kind.keyColumns.map { index[$0] ?? Int.max }
        headerWidth = checked.width
    }

    /// Loads what the checks need once, before the first batch.
    mutating func prepare() async throws {
        if database.dialect.name == "sqlite" {
            // A large page cache keeps a million-row transaction from spilling to the WAL page by page.
            _ = try await database.raw("PRAGMA cache_size = -131072").all()
            if try await database.raw("SELECT 1 AS one FROM \(unsafeRaw: kind.rawValue) LIMIT 1").first() == nil {
                deferredIndexes = try await DeferredIndexes.drop(of: kind.rawValue, on: database)
            }
        }
        copyLoad = try await CopyLoad.begin(ImportBatchWriter.statement(for: kind), on: database)
        switch kind {
        case .dues, .payments:
            accountCurrencies = try await ReferenceLookup(database: database).allAccountCurrencies()
            if kind == .payments {
                paymentsWereEmpty = try await database.raw("SELECT id FROM payments LIMIT 1").first() == nil
            }
        case .accounts:
            if try await database.raw("SELECT id FROM accounts LIMIT 1").first() == nil {
                customerIds = try await ReferenceLookup(database: database).allCustomerIds()
            }
        case .customers:
            break
        }
    }

    /// Starts writing a checked batch, after the previous write has finished, on a thread of the
    /// shared pool: the import runs on an event loop (`GroupCommit` runs transactions there), and
    /// a task started from it would inherit that preference and wait for the reading to yield,
    /// leaving one core idle (the import ran at 98% CPU on two cores).
    private mutating func enqueueWrite(_ write: @escaping @Sendable () async throws -> Void) async throws {
        try await finishWriting()
        pendingWrite = Task(executorPreference: globalConcurrentExecutor) { try await write() }
    }

    mutating func finishWriting() async throws {
        if let pendingWrite { try await pendingWrite.value }
        pendingWrite = nil
    }

    mutating func readAll() async throws {
        try await prepare()
        defer { pendingWrite?.cancel() }
        var batch: [CSVRecord] = []
        batch.reserveCapacity(batchSize)
        while let record = nextRecord() {
            rowCount += 1
            batch.append(record)
            if batch.count == batchSize {
                try await process(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        try await process(batch)
        try await finishWriting()
        if issueCount == 0 { try await copyLoad?.finish(on: database) }
        // A rejected file rolls back, indexes and all; a good one gets its indexes back.
        if issueCount == 0 { try await deferredIndexes.rebuild(on: database, afterLargeLoad: true) }
    }

    private func fieldReader(_ record: CSVRecord) -> FieldReader {
        FieldReader(names: columnNames, positions: columnPositions, fields: record.fields)
    }

    /// Sizes the set of keys seen for the whole file, estimated from the first batch's bytes per
    /// row, so that it is not rehashed again and again as it grows (millions of keys).
    private mutating func sizeKeySet() {
        guard let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? Int, reader.offset > 0 else { return }
        let estimate = Double(size) / Double(reader.offset) * Double(rowCount) * 1.05
        seenKeys.reserveCapacity(Int(min(estimate, 100_000_000)))
    }

    private func key(of record: CSVRecord) -> String {
        keyPositions.map { $0 < record.fields.count ? record.fields[$0] : "" }
            .joined(separator: " ")
    }

    /// Remembers the key; false when a key with the same hash was seen before in this file.
    ///
    /// While the file's keys come in strictly ascending order (as a bank's extracts mostly do,
    /// sorted by their id), none can repeat an earlier one, and none is hashed: the set of
    /// hashes was a tenth of reading a payments file. At the first key out of order, the keys
    /// before it are read again from the file and hashed, and every key after is hashed as it comes.
    private mutating func noteKey(_ record: CSVRecord) throws -> Bool {
        if keysAscending {
            if let previousKeyFields, !Self.ascends(record.fields, after: previousKeyFields, at: keyPositions) {
                keysAscending = false
                self.previousKeyFields = nil
                try hashKeys(before: record.line)
            } else {
                previousKeyFields = record.fields
                return true
            }
        }
        if seenKeys.insert(keyHash(of: record)).inserted { return true }
        suspectedDuplicates.append((record.line, key(of: record)))
        return false
    }

    /// The salted hash of the record's key, field by field (a missing column reads "").
    private func keyHash(of record: CSVRecord) -> Int {
        var hasher = Hasher()
        hasher.combine(salt)
        for position in keyPositions {
            hasher.combine(position < record.fields.count ? record.fields[position] : "")
        }
        return hasher.finalize()
    }

    /// Whether the key in `fields` comes strictly after the one in `previous`, column by column.
    private static func ascends(_ fields: [String], after previous: [String], at positions: [Int]) -> Bool {
        for position in positions {
            let field = position < fields.count ? fields[position] : ""
            let before = position < previous.count ? previous[position] : ""
            if field != before { return field > before }
        }
        return false
    }

    /// Hashes the key of every well-formed row before `line` (noted while the keys ascended).
    private mutating func hashKeys(before line: Int) throws {
        sizeKeySet()
        let again = try CSVReader(path: path)
        _ = try again.next()
        while let record = try? again.next(), record.line < line {
            guard !record.hasInvalidUTF8, record.fields.count == headerWidth else { continue }
            seenKeys.insert(keyHash(of: record))
        }
    }

    /// Drops rows that are not valid UTF-8 or whose width differs from the header's, reporting each.
    private mutating func wellFormed(_ records: [CSVRecord]) -> [CSVRecord] {
        let headerWidth = headerWidth
        if records.allSatisfy({ !$0.hasInvalidUTF8 && $0.fields.count == headerWidth }) { return records }
        return records.filter { record in
            if record.hasInvalidUTF8 {
                fail(record.line, nil, CSVError.invalidUTF8(line: record.line).description)
                return false
            }
            if record.fields.count != headerWidth {
                fail(record.line, nil, "has \(record.fields.count) fields but the header has \(headerWidth)")
                return false
            }
            return true
        }
    }

    private mutating func collect<T>(_ record: CSVRecord, _ parse: (inout FieldReader) throws(RowErrors) -> T) -> T? {
        var reader = fieldReader(record)
        return collect(record, &reader, parse)
    }

    private mutating func collect<T>(_ record: CSVRecord, _ reader: inout FieldReader, _ parse: (inout FieldReader) throws(RowErrors) -> T) -> T? {
        do {
            return try parse(&reader)
        } catch {
            for issue in error.errors { fail(record.line, issue.column, issue.message) }
            return nil
        }
    }

    /// The currency of the account a due's or payment's row names, from `currencies`; nil, noted
    /// as the row's error when the row names one, when that account has not been imported.
    private mutating func accountCurrency(_ record: CSVRecord, _ reader: inout FieldReader, in currencies: [String: Currency]) -> Currency? {
        let accountId = reader.raw("account_id")
        let currency = currencies[accountId]
        if currency == nil, !accountId.isEmpty { fail(record.line, "account_id", "unknown account '\(accountId)'; import it in accounts first") }
        return currency
    }

    private mutating func process(_ records: [CSVRecord]) async throws {
        let records = wellFormed(records)
        guard !records.isEmpty else { return }
        let lookup = ReferenceLookup(database: database)
        let writer = ImportBatchWriter(database: database, copyLoad: copyLoad)
        switch kind {
        case .customers:
            var valid: [CustomerRecord] = []
            for record in records {
                let unique = try noteKey(record)
                if let customer = collect(record, { (r: inout FieldReader) throws(RowErrors) in try CustomerRecord(reading: &r) }), unique {
                    valid.append(customer)
                }
            }
            if issueCount == 0 {
                let sealed = ImportBatchWriter.sealed(valid, cipher: cipher)
                try await enqueueWrite { [sealed] in try await writer.write(customers: sealed) }
            }

        case .accounts:
            var parsed: [(line: Int, account: AccountRecord)] = []
            for record in records {
                let unique = try noteKey(record)
                if let account = collect(record, { (r: inout FieldReader) throws(RowErrors) in try AccountRecord(reading: &r) }), unique {
                    parsed.append((record.line, account))
                }
            }
            let customers: Set<String>
            let stored: [String: Currency]
            if let customerIds {
                customers = customerIds
                stored = [:]
            } else {
                try await finishWriting()
                customers = try await lookup.existingCustomers(Set(parsed.map(\.1.customerId)))
                stored = try await lookup.accountCurrencies(Set(parsed.map(\.1.id)))
            }
            var valid: [AccountRecord] = []
            for (line, account) in parsed {
                var ok = true
                if !customers.contains(account.customerId) {
                    fail(line, "customer_id", "unknown customer '\(account.customerId)'; import it in customers first"); ok = false
                }
                if let currency = stored[account.id], currency != account.currency {
                    fail(line, "currency", "'\(account.currency.code)' differs from the stored account's \(currency.code); an account's currency cannot change"); ok = false
                }
                if ok { valid.append(account) }
            }
            if issueCount == 0 { try await enqueueWrite { [valid] in try await writer.write(accounts: valid) } }

        case .dues:
            let currencies = accountCurrencies, dueDates = dates.dues
            var valid: [DueRecord] = []
            for record in records {
                let unique = try noteKey(record)
                var reader = fieldReader(record)
                let currency = accountCurrency(record, &reader, in: currencies)
                if let due = collect(record, &reader, { (r: inout FieldReader) throws(RowErrors) in try DueRecord(reading: &r, currency: currency, dueWithin: dueDates) }),
                   unique, currency != nil {
                    valid.append(due)
                }
            }
            if issueCount == 0 { try await enqueueWrite { [valid] in try await writer.write(dues: valid) } }

        case .payments:
            let currencies = accountCurrencies, paymentDates = dates.payments
            var parsed: [(line: Int, payment: PaymentRecord)] = []
            for record in records {
                let unique = try noteKey(record)
                var reader = fieldReader(record)
                let currency = accountCurrency(record, &reader, in: currencies)
                if let payment = collect(record, &reader, { (r: inout FieldReader) throws(RowErrors) in try PaymentRecord(reading: &r, accountCurrency: currency, paidWithin: paymentDates) }),
                   unique, currency != nil {
                    parsed.append((record.line, payment))
                }
            }
            var stored: [String: PaymentRecord] = [:]
            if !paymentsWereEmpty {
                try await finishWriting()
                stored = try await lookup.storedPayments(Set(parsed.map(\.1.id)))
            }
            var valid: [PaymentRecord] = []
            for (line, payment) in parsed {
                if let existing = stored[payment.id], existing != payment {
                    fail(line, "payment_id", "'\(payment.id)' is already stored with other content (\(Self.differences(existing, payment))); a payment id cannot be reused")
                } else {
                    valid.append(payment)
                }
            }
            if issueCount == 0 { try await enqueueWrite { [valid] in try await writer.write(payments: valid) } }
        }
    }

    private static func differences(_ stored: PaymentRecord, _ incoming: PaymentRecord) -> String {
        var parts: [String] = []
        if stored.accountId != incoming.accountId { parts.append("account_id \(stored.accountId)") }
        if stored.paidOn != incoming.paidOn { parts.append("paid_on \(stored.paidOn)") }
        if stored.amount != incoming.amount { parts.append("amount \(DecimalAmount.format(stored.amount, minorDigits: stored.currency.minorDigits))") }
        if stored.currency != incoming.currency { parts.append("currency \(stored.currency.code)") }
        if stored.channel != incoming.channel { parts.append("channel \(stored.channel)") }
        return "stored " + parts.joined(separator: ", ")
    }

    /// Turns hash collisions into exact answers: reads the file again and reports each key that
    /// really occurs twice, naming the line where it first appeared. Returns true when some
    /// suspects were only collisions (their rows were held back and the import must run again).
    mutating func confirmDuplicates() throws -> Bool {
        guard !suspectedDuplicates.isEmpty else { return false }
        let suspects = Set(suspectedDuplicates.map(\.key))
        var firstLine: [String: Int] = [:]
        let again = try CSVReader(path: path)
        _ = try again.next()
        while let record = try? again.next() {
            guard record.fields.count == headerWidth else { continue }
            let key = key(of: record)
            if suspects.contains(key), firstLine[key] == nil { firstLine[key] = record.line }
        }
        let keyName = kind.keyColumns.joined(separator: " and ")
        var collisions = false
        for suspect in suspectedDuplicates {
            guard let first = firstLine[suspect.key], first != suspect.line else { collisions = true; continue }
            fail(suspect.line, kind.keyColumns[0], "duplicate \(keyName) '\(suspect.key)' in the file (first on row \(first))")
        }
        return collisions
    }
}
