import ArrearsCore
import Foundation
import SQLKit

/// One customer a search found, with where the search leads: the open case, if there is one, and
/// whether the user may open it straight away or only for an inbound call with a reason.
public struct CustomerSearchHit: Sendable, Equatable {
    public let customerId: String
    public let name: String
    public let matchedBy: CustomerSearch.Match
    /// The customer's open collection case; nil when none is open.
    public let openCaseId: String?
    /// Whether the customer is within the user's `WorkScope` (always, for the back office).
    public let inScope: Bool
}

/// Finds a customer the way a collector is asked for one on an inbound call (issue 25, "Search"):
/// by customer id or account id, by ID number, mobile number or e-mail address (through the keyed
/// lookup hashes: one indexed equality each, no row decrypted), or by name, a prefix, optionally
/// narrowed by the last four digits of the mobile number.
///
/// The search looks at every customer, so that an inbound caller who is not in the collector's
/// queue can be found; each hit says whether it is in the user's scope, and one that is not is
/// opened only through `InboundAccess` with a reason. A search that looks at personal data (the
/// hashed fields, or mobile numbers opened to compare their last digits) is audited as
/// `PersonalDataLookup.auditAction`, naming the fields and the number of matches, never the
/// typed value.
public struct CustomerSearch: Sendable {
    public enum Match: String, Sendable {
        case customerId = "customer_id", accountId = "account_id", idNumber = "id_number", mobile, email, name
        case nameAndMobileEnding = "name_and_mobile_ending"

        /// A match on the lookup hash of `field`.
        init(_ field: PersonalField) {
            switch field {
            case .idNumber: self = .idNumber
            case .mobile: self = .mobile
            case .email: self = .email
            }
        }
    }

    /// The most hits one search answers; a name prefix shared by more says to type more.
    public static let limit = 20

    public let store: Store

    public init(store: Store) { self.store = store }

    /// The customers matching `text` (trimmed; nothing for an empty text), at most `limit`, each
    /// once, in the order: ids, personal-data matches, names by name. `mobileEnding`, four
    /// digits, narrows a name search to customers whose mobile number ends with them.
    public func find(_ text: String, mobileEnding: String? = nil, scope: WorkScope, actor: String) async throws -> [CustomerSearchHit] {
        let query = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !query.isEmpty else { return [] }
        return try await store.transaction { database in
            var found: [(id: String, match: Match)] = []
            func add(_ ids: [String], _ match: Match) {
                for id in ids where !found.contains(where: { $0.id == id }) { found.append((id, match)) }
            }
            add(try await ids("SELECT id FROM customers WHERE id = \(bind: query)", on: database), .customerId)
            add(try await ids("SELECT customer_id AS id FROM accounts WHERE id = \(bind: query)", on: database), .accountId)

            var looked: [String] = []
            var lookedMatches = 0
            for field in Self.fields(for: query) {
                let matches = try await ids(lookup(field, query), on: database)
                looked.append(field.column)
                lookedMatches += matches.count
                add(matches, Match(field))
            }
            if found.isEmpty, Self.looksLikeName(query) {
                let named = try await names(startingWith: query, on: database)
                if let ending = mobileEnding?.trimmingCharacters(in: .whitespaces), !ending.isEmpty {
                    looked.append("mobile_ending")
                    var kept: [String] = []
                    for (id, storedMobile) in named {
                        let mobile = try storedMobile.flatMap { try store.openField($0) }.map(PersonalField.mobile.normalise) ?? ""
                        if mobile.hasSuffix(ending) { kept.append(id) }
                    }
                    lookedMatches += kept.count
                    add(kept, .nameAndMobileEnding)
                } else {
                    add(named.map(\.id), .name)
                }
            }
            if !looked.isEmpty {
                try await AuditLog.append([AuditEvent(actor: actor, action: PersonalDataLookup.auditAction, subject: "customers",
                                                      details: ["field": looked.joined(separator: ","), "matches": String(lookedMatches)])],
                                          on: database)
            }
            var hits: [CustomerSearchHit] = []
            for (id, match) in found.prefix(Self.limit) {
                guard let row = try await database.raw("""
                    SELECT name, (SELECT c.id FROM cases c WHERE c.customer_id = customers.id AND c.status = 'open' ORDER BY c.id LIMIT 1) AS open_case
                    FROM customers WHERE id = \(bind: id)
                    """).first() else { continue }
                hits.append(CustomerSearchHit(
                    customerId: id, name: try row.decode(column: "name", as: String?.self) ?? "", matchedBy: match,
                    openCaseId: try row.decode(column: "open_case", as: String?.self),
                    inScope: try await CustomerRepository.exists(id: id, scope: scope, on: database)))
            }
            return hits
        }
    }

    /// The personal-data fields `text` could be: an e-mail address when it holds `@`; an ID
    /// number or a mobile number when it is mostly digits.
    static func fields(for text: String) -> [PersonalField] {
        if text.contains("@") { return [.email] }
        let digits = text.unicodeScalars.filter { CharacterSet.decimalDigits.contains($0) && $0.isASCII }.count
        guard digits >= 6 else { return [] }
        return [.mobile, .idNumber]
    }

    /// Whether `text` could be (the start of) a name: it holds a letter.
    static func looksLikeName(_ text: String) -> Bool {
        text.unicodeScalars.contains { CharacterSet.letters.contains($0) } && !text.contains("@")
    }

    /// Equality on the field's keyed hash; without a data key the column holds plain text, and
    /// the typed value is compared as typed and normalised.
    private func lookup(_ field: PersonalField, _ value: String) -> SQLQueryString {
        if let hash = store.lookupHash(field, value) {
            return "SELECT id FROM customers WHERE \(unsafeRaw: field.hashColumn) = \(bind: hash) ORDER BY id LIMIT \(literal: Self.limit)"
        }
        return """
            SELECT id FROM customers WHERE \(unsafeRaw: field.column) IN (\(bind: value), \(bind: field.normalise(value))) ORDER BY id LIMIT \(literal: Self.limit)
            """
    }

    /// Customers whose name starts with `prefix`, with their stored mobile: a range in byte
    /// order, which `customers_name` holds (not `LIKE`, which neither database plans on an index
    /// with a bound pattern).
    private func names(startingWith prefix: String, on database: any SQLDatabase) async throws -> [(id: String, mobile: String?)] {
        let name: SQLQueryString = database.dialect.name == "postgresql" ? "name COLLATE \"C\"" : "name"
        return try await database.raw("""
            SELECT id, mobile FROM customers WHERE \(name) >= \(bind: prefix) AND \(name) < \(bind: prefix + "\u{10FFFF}")
            ORDER BY \(name), id LIMIT \(literal: Self.limit * 5)
            """).all().map { (try $0.decode(column: "id", as: String.self), try $0.decode(column: "mobile", as: String?.self)) }
    }

    private func ids(_ query: SQLQueryString, on database: any SQLDatabase) async throws -> [String] {
        try await database.raw(query).all().map { try $0.decode(column: "id", as: String.self) }
    }
}
