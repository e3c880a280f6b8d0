import ArrearsCore
import Foundation
import Vapor

/// What the compliance console's pages share: the sub-navigation between them, times in the
/// bank's zone, and a form shown again after a refusal with what was typed and the error beside
/// its field.
struct ConsoleForm: Sendable {
    /// Which form the values and errors belong to (`add`, or a row's form such as `end:FLAG-…`).
    var form: String?
    /// What was typed, by field name.
    var values: [String: String] = [:]
    /// The error of each field, in the page's language.
    var errors: [String: String] = [:]

    static let none = ConsoleForm()

    /// The refusal `error` of `form`, with `values`, the error beside `error.field` (or `fallback`
    /// when the API names no field, as for a customer not found).
    init(form: String? = nil, values: [String: String] = [:], error: APIError? = nil, fallback: String = "", words t: Words = Words(table: [:]),
         language: Language = .en) {
        self.form = form
        self.values = values
        if let error { errors[error.field ?? fallback] = ComplianceWords.refusal(error, t, language: language) }
    }

    /// The value typed into `field` of `form`, or `otherwise`.
    func value(_ field: String, of form: String, otherwise: String = "") -> String {
        self.form == form ? values[field] ?? otherwise : otherwise
    }

    /// The error beside `field` of `form` (`<p class="field-error" id="error-FORM-FIELD">`), or nothing.
    func error(_ field: String, of form: String) -> HTML {
        guard self.form == form, let message = errors[field] else { return "" }
        return "<p class=\"error field-error\" id=\"error-\(Self.slug(form))-\(field)\" role=\"alert\">\(message)</p>"
    }

    /// `aria-invalid` for a field with an error.
    func invalid(_ field: String, of form: String) -> HTML {
        self.form == form && errors[field] != nil ? " aria-invalid=\"true\"" : ""
    }

    /// `form` as an id: letters, digits and `-`.
    static func slug(_ form: String) -> String {
        String(form.map { $0.isLetter || $0.isNumber ? $0 : "-" })
    }

    /// The console's pages, for a line of links at the top of each.
    static func nav(_ t: Words, language: String, current: String) -> HTML {
        let pages = [("/compliance", "menu_compliance"), ("/compliance/flags", "menu_flags"), ("/compliance/complaints", "menu_complaints"),
                     ("/audit", "menu_audit"), ("/outbox", "menu_outbox")]
        return """
            <nav class="subnav" aria-label="\(t["cp_nav"])">\(HTML.each(pages) { page in
                page.0 == current ? "<strong>\(t[page.1])</strong> " : "<a href=\"\(page.0)?lang=\(language)\">\(t[page.1])</a> "
            })</nav>
            """
    }

    /// A stored UTC time (`2026-11-24T02:00:00Z`) on the clock of `zone`: `2026-11-24 10:00`;
    /// `–` for none, and the text itself if it is not a time.
    static func localTime(_ utc: String?, in zone: TimeZone) -> String {
        guard let utc else { return "–" }
        guard let instant = UTCTimestamp.instant(utc) else { return utc }
        let moment = LocalMoment(instant, in: zone)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(moment.date) \(two(moment.minuteOfDay / 60)):\(two(moment.minuteOfDay % 60))"
    }

    /// A customer-local time with its offset (`2026-11-24T06:57:00+08:00`) as people read it:
    /// `2026-11-24 06:57 (UTC+08:00)`.
    static func customerTime(_ local: String) -> String {
        guard local.count >= 25 else { return local }
        let date = local.prefix(10), time = local.dropFirst(11).prefix(5), offset = local.suffix(6)
        return "\(date) \(time) (UTC\(offset))"
    }
}
