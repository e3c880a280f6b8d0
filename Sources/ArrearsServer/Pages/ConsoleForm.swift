import ArrearsCore
import Foundation

/// What the compliance console's pages share: the sub-navigation between them and times in the
/// bank's zone (a refused form is shown again through `PageForm`, as on every page).
enum ConsoleForm {
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
