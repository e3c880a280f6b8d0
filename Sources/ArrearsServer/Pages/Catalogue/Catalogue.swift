import ArrearsCore
import NIOConcurrencyHelpers

/// Every word the pages show, one catalogue per language (`Catalogue.english` in
/// Catalogue+English.swift, `Catalogue.chinese` in Catalogue+Chinese.swift), keyed the same way in
/// both: a page's own words by a short key (`wb_save`, `cp_flags_title`), a code's words by its
/// list's prefix and the code (`CodeList`: `flag_dispute`, `wb_outcome_no_answer`).
///
/// The catalogues are Swift dictionaries rather than YAML resources so that the server stays one
/// binary with nothing to load or to fail at start-up, and a page's table is built once per
/// language, not per request. `UntranslatedCodeTests` holds them complete: every code of every
/// list has words in both, both have the same keys, and every key a page uses exists.
enum Catalogue {
    /// The words of `language`.
    static func table(_ language: Language) -> [String: String] {
        language == .en ? english : chinese
    }

    /// What a page shows for a key that has no words: the English words, else the key with its
    /// underscores as spaces, never a crash; the key is noted for `missingKeys` (a test reads it,
    /// and `UntranslatedCodeTests` fails on any).
    static func missing(_ key: String) -> String {
        missingKeysSeen.withLockedValue { _ = $0.insert(key) }
        return english[key] ?? key.replacingOccurrences(of: "_", with: " ")
    }

    /// The keys pages asked for that have no words, since the last `resetMissingKeys()`.
    static var missingKeys: Set<String> { missingKeysSeen.withLockedValue { $0 } }

    static func resetMissingKeys() { missingKeysSeen.withLockedValue { $0 = [] } }

    private static let missingKeysSeen = NIOLockedValueBox<Set<String>>([])
}

/// The lists of codes the pages show, each with the prefix of its codes' keys in the catalogue.
enum CodeList: String, CaseIterable, Sendable {
    case outcome = "wb_outcome_"
    case channel = "ch_"
    case complaintChannel = "cch_"
    case paymentChannel = "pay_"
    case flag = "flag_"
    case product = "product_"
    case segment = "segment_"
    case bucket = "bucket_"
    case promiseStatus = "promise_"
    case messageStatus = "message_"
    case arrangementKind = "wb_arr_kind_"
    case arrangementStatus = "wb_arr_status_"
    case caseStatus = "case_"
    case visitStatus = "vs_status_"
    case legalStage = "lg_stage_"
    case outboxStatus = "ob_"
    case role = "role_"
    case treatment = "tr_"
    case followUpQueue = "queue_"
    case followUpTask = "task_"
    case letterTemplate = "letter_"
    case language = "lang_"
    case error = "cp_err_"
    case auditAction = "au_"
    case auditDetail = "ad_"
    case contactPoint = "cpt_"
    case dimension = "dim_"
    case rule = "rule_"

    var prefix: String { rawValue }
}
