import ArrearsCore
import Foundation

/// The code lists that live nowhere else (payment channels, case statuses), and the codes that
/// pages show inside other text (a KPI group, a note the system wrote, an audit entry's details),
/// in the words of the `Catalogue`.
enum CodeCatalogue {
    /// How a payment reached the bank, as the bank's files write it (docs/import-formats.md);
    /// another value is shown with its underscores as spaces.
    static let paymentChannels = ["bank_transfer", "alipay", "wechat_pay", "direct_debit", "counter", "card", "unknown"]
    /// A case's statuses.
    static let caseStatuses = ["open", "closed"]

    /// A KPI group (`/analytics`, `/reports/monthly`): a segment, a cell, a bucket or "unknown" in words;
    /// a region, team or collector as it is named.
    static func group(_ group: String, _ t: Words) -> String {
        t.table["segment_" + group] ?? t.table["cell_" + group] ?? t.table["group_" + group] ?? t.table[CodeList.bucket.prefix + group] ?? group
    }

    /// A note in `t`'s words where the system wrote it (on a flag, `complaint <id>` when a
    /// complaint is logged, `contact outcome <code> (<attempt>)` when an outcome sets a flag; on an
    /// arrangement, the approval of one within its proposer's authority); a person's note as it
    /// was written.
    static func note(_ note: String, _ t: Words) -> String {
        if note == "within the proposer's own authority", let words = t.table["note_own_authority"] { return words }
        let parts = note.split(separator: " ").map(String.init)
        if parts.count == 2, parts[0] == "complaint", let words = t.table["note_complaint"] {
            return words.replacingOccurrences(of: "{id}", with: parts[1])
        }
        if parts.count == 4, parts[0] == "contact", parts[1] == "outcome", parts[3].hasPrefix("("), parts[3].hasSuffix(")"), let words = t.table["note_outcome"] {
            return words.replacingOccurrences(of: "{outcome}", with: t.code(.outcome, parts[2]))
                .replacingOccurrences(of: "{attempt}", with: String(parts[3].dropFirst().dropLast()))
        }
        return note
    }

    /// The prefixes tried, in order, for a value in an audit entry's details.
    private static let valuePrefixes = [CodeList.outcome, .channel, .flag, .treatment, .rule, .promiseStatus, .arrangementKind, .arrangementStatus, .visitStatus,
                                        .legalStage, .segment, .product, .role, .paymentChannel, .followUpQueue, .followUpTask, .contactPoint].map(\.prefix)

    /// An audit entry's details (a JSON object) as `key: value` lines in `t`'s words: each key
    /// by its words (`ad_<key>`), each value that is a code by the code's words, each UTC time
    /// in `zone`; details that
    /// are not an object are shown as they are.
    static func auditDetails(_ details: String, in zone: TimeZone, _ t: Words) -> String {
        guard let data = details.data(using: .utf8), let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return details }
        return object.keys.sorted().map { key in
            let value: String
            switch object[key] {
            case let text as String where UTCTimestamp.instant(text) != nil: value = ConsoleForm.localTime(text, in: zone)
            case let text as String: value = valuePrefixes.lazy.compactMap { t.table[$0 + text] }.first ?? text
            case let list as [Any]: value = list.map { item in (item as? String).flatMap { text in valuePrefixes.lazy.compactMap { t.table[$0 + text] }.first } ?? "\(item)" }
                .joined(separator: ", ")
            case let number as NSNumber: value = number.stringValue
            case nil, is NSNull: value = ""
            case let other?: value = "\(other)"
            }
            return "\(t.code(.auditDetail, key)): \(value)"
        }.joined(separator: "; ")
    }
}
