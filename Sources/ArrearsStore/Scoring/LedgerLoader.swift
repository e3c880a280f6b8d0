import ArrearsCore
import Foundation
import SQLKit

/// Reads accounts' dues and payments, and customers' promises and contact attempts, into the
/// core's `AccountLedger` and `CollectionBehaviour`, three streamed set-based statements each.
///
/// On SQLite inside a transaction the rows are stepped on the raw connection (`LedgerScan`);
/// elsewhere (PostgreSQL, or SQLite's pool outside a transaction) they are decoded through SQLKit.
struct LedgerLoader {
    let database: any SQLDatabase
    /// Whether the raw SQLite connection is used when there is one; the tests read both ways.
    var path: RowPath = .direct

    typealias Population = LedgerPopulation
    typealias Entry = (LocalDate, Int64)

    /// One account's columns and entries, before they become an `AccountLedger`.
    struct Account {
        let id, customerId, product, rating, openedOn: String
        let digits: Int
        var dues: [Entry] = []
        var payments: [Entry] = []
    }

    static func accountFilter(_ population: Population, column: String) -> String {
        switch population {
        case .all: ""
        case .delinquent: " WHERE \(column) IN (SELECT account_id FROM account_positions WHERE dpd > 0)"
        }
    }

    func ledgers(_ population: Population) async throws -> [AccountLedger] {
        if path == .direct, let scanned = try await SQLiteDirect.run(on: database, { try LedgerScan(population: population).ledgers(on: $0) }) {
            return scanned
        }
        struct Head: Sendable { let customerId, product, rating, openedOn: String; let digits: Int }
        let heads = LockedBox<[String: Head]>([:])
        let failure = LockedBox<(any Error)?>(nil)
        try await database.execute(sql: SQLRaw("""
            SELECT a.id, a.customer_id, a.product, a.currency, a.opened_on, c.credit_rating
            FROM accounts a JOIN customers c ON c.id = a.customer_id\(Self.accountFilter(population, column: "a.id"))
            """)) { row in
            do {
                let head = Head(customerId: try row.decode(column: "customer_id", as: String.self),
                                product: try row.decode(column: "product", as: String.self),
                                rating: try row.decode(column: "credit_rating", as: String.self),
                                openedOn: try row.decode(column: "opened_on", as: String.self),
                                digits: Currency(code: try row.decode(column: "currency", as: String.self))?.minorDigits ?? 2)
                let id = try row.decode(column: "id", as: String.self)
                heads.mutate { $0[id] = head }
            } catch { failure.set(error) }
        }
        let dues = LockedBox<[String: [Entry]]>([:])
        try await database.execute(sql: SQLRaw("""
            SELECT account_id, due_on, principal_minor + interest_minor + fees_minor AS amount FROM dues\(Self.accountFilter(population, column: "account_id"))
            """)) { row in
            do {
                let entry = (try Self.date(row, "due_on"), try row.decode(column: "amount", as: Int64.self))
                let id = try row.decode(column: "account_id", as: String.self)
                dues.mutate { $0[id, default: []].append(entry) }
            } catch { failure.set(error) }
        }
        let payments = LockedBox<[String: [Entry]]>([:])
        try await database.execute(sql: SQLRaw("""
            SELECT account_id, paid_on, amount_minor FROM payments\(Self.accountFilter(population, column: "account_id"))
            """)) { row in
            do {
                let entry = (try Self.date(row, "paid_on"), try row.decode(column: "amount_minor", as: Int64.self))
                let id = try row.decode(column: "account_id", as: String.self)
                payments.mutate { $0[id, default: []].append(entry) }
            } catch { failure.set(error) }
        }
        if let error = failure.get() { throw error }
        let duesByAccount = dues.get(), paymentsByAccount = payments.get()
        return Self.ledgers(heads.get().map { id, head in
            Account(id: id, customerId: head.customerId, product: head.product, rating: head.rating, openedOn: head.openedOn, digits: head.digits,
                    dues: duesByAccount[id] ?? [], payments: paymentsByAccount[id] ?? [])
        })
    }

    /// The accounts' ledgers in account id order.
    static func ledgers(_ accounts: [Account]) -> [AccountLedger] {
        accounts.sorted { $0.id < $1.id }.map { account in
            AccountLedger(accountId: account.id, customerId: account.customerId, product: account.product, creditRating: account.rating,
                          openedOn: LocalDate(iso: account.openedOn) ?? LocalDate(daysSinceEpoch: 0), minorDigits: account.digits,
                          dues: account.dues.map { (dueOn: $0.0, amount: $0.1) },
                          payments: account.payments.map { (paidOn: $0.0, amount: $0.1) })
        }
    }

    /// Every customer's promises (broken ones with the day they were found broken) and contact
    /// attempts (right-party when the attempt was a conversation with the customer).
    func behaviour() async throws -> [String: CollectionBehaviour] {
        if path == .direct, let scanned = try await SQLiteDirect.run(on: database, { try LedgerScan(population: .all).behaviour(on: $0) }) {
            return Self.sealed(scanned)
        }
        let result = LockedBox<[String: CollectionBehaviour]>([:])
        let failure = LockedBox<(any Error)?>(nil)
        try await database.execute(sql: SQLRaw("SELECT customer_id, promised_on, status, settled_on FROM promises")) { row in
            do {
                let customer = try row.decode(column: "customer_id", as: String.self)
                let made = try Self.date(row, "promised_on")
                let broken = try row.decode(column: "status", as: String.self) == "broken"
                    ? try row.decode(column: "settled_on", as: String?.self).flatMap(LocalDate.init(iso:)) : nil
                result.mutate { $0[customer, default: .none].addPromise(madeOn: made, brokenOn: broken) }
            } catch { failure.set(error) }
        }
        try await database.execute(sql: SQLRaw("SELECT customer_id, attempted_at, outcome FROM contact_attempts")) { row in
            do {
                let customer = try row.decode(column: "customer_id", as: String.self)
                let at = try row.decode(column: "attempted_at", as: String.self)
                guard let day = LocalDate(iso: String(at.prefix(10))) else { return }
                let rightParty = ContactAttempt.Outcome(rawValue: try row.decode(column: "outcome", as: String.self))?.isConversation ?? false
                result.mutate { $0[customer, default: .none].addAttempt(on: day, rightParty: rightParty) }
            } catch { failure.set(error) }
        }
        if let error = failure.get() { throw error }
        return Self.sealed(result.get())
    }

    private static func sealed(_ behaviour: [String: CollectionBehaviour]) -> [String: CollectionBehaviour] {
        behaviour.mapValues { var sealed = $0; sealed.seal(); return sealed }
    }

    private static func date(_ row: any SQLRow, _ column: String) throws -> LocalDate {
        let text = try row.decode(column: column, as: String.self)
        guard let date = LocalDate(iso: text) else { throw ScoringError.badStoredDate(column: column, value: text) }
        return date
    }
}
