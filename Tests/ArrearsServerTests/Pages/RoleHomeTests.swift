import ArrearsCore
import ArrearsServer
import ArrearsStore
import ArrearsTestSupport
import Foundation
import XCTVapor

/// Issue 25's first promise: each role signs in on the real form and lands on its own page; the
/// menu on every page lists exactly the pages the role may open, in the page's language; and no
/// link on any page a role reaches from its menu answers 403, 404 or 500.
final class RoleHomeTests: XCTestCase {
    /// Every page a menu may list.
    static let menuPages = ["/work", "/search", "/visits", "/supervisor", "/legal", "/compliance", "/compliance/flags", "/compliance/complaints", "/audit", "/outbox",
                            "/", "/analytics", "/reports/monthly", "/runs"]
    /// The compliance console's pages, in both compliance's and admin's menus.
    static let console: Set<String> = ["/compliance", "/compliance/flags", "/compliance/complaints", "/audit", "/outbox"]

    /// For each role: the username it signs in as, its agent id, its home, and its menu.
    static let people: [(role: Role, username: String, agentId: String?, home: String, menu: Set<String>)] = [
        (.collector, "zhang", WorkbenchFixture.collector, "/work", ["/work", "/search"]),
        (.fieldAgent, "shanghai", "f-shanghai", "/visits", ["/visits", "/work"]),
        (.supervisor, "wang", nil, "/supervisor",
         ["/supervisor", "/work", "/search", "/visits", "/legal", "/", "/analytics", "/reports/monthly", "/runs"]),
        (.legal, "lawyer", nil, "/legal", ["/legal", "/", "/runs"]),
        (.compliance, "auditor", nil, "/compliance", console.union(["/", "/analytics", "/reports/monthly", "/runs"])),
        (.strategyManager, "strategist", nil, "/analytics", ["/analytics", "/reports/monthly", "/", "/runs"]),
        (.admin, "root", nil, "/", console.union(["/", "/supervisor", "/visits", "/legal", "/analytics", "/reports/monthly", "/runs"])),
    ]

    private func each(_ body: (SecurityFixture, String) async throws -> Void) async throws {
        try await SecurityFixture.eachWithComplianceRecords(body)
    }

    /// Signs in as `person` through the form on `/login` and follows the redirect home.
    private func signIn(_ fixture: SecurityFixture, _ person: (role: Role, username: String, agentId: String?, home: String, menu: Set<String>),
                        language: Language, database: String) async throws -> (Browser, XCTHTTPResponse) {
        try await fixture.addUser(person.username, person.role, agentId: person.agentId)
        let browser = Browser(app: fixture.app)
        let form = try await browser.get("/login?lang=\(language.rawValue)")
        XCTAssertEqual(form.status, .ok)
        let signIn = try await browser.post("/login?lang=\(language.rawValue)", ["username": person.username, "password": SecurityFixture.password])
        XCTAssertEqual(signIn.status, .seeOther, "\(person.role) signs in on \(database)")
        let location = try XCTUnwrap(signIn.headers.first(name: .location), "\(person.role) on \(database)")
        XCTAssertEqual(location, "\(person.home)?lang=\(language.rawValue)", "\(person.role) lands on their home on \(database)")
        let home = try await browser.get(location)
        XCTAssertEqual(home.status, .ok, "\(person.role)'s home on \(database)")
        return (browser, home)
    }

    func testEachRoleLandsOnItsOwnPageWithAMenuOfExactlyThePagesItMayOpen() async throws {
        try await each { fixture, database in
            for (index, person) in Self.people.enumerated() {
                let language: Language = index % 2 == 0 ? .en : .zhCN
                let (browser, home) = try await signIn(fixture, person, language: language, database: database)
                let html = home.body.string
                XCTAssertTrue(html.contains("<html lang=\"\(language.rawValue)\">"), "\(person.role) on \(database)")
                let menu = Self.menuLinks(html)
                XCTAssertEqual(Set(menu.map { Self.path($0.href) }), person.menu, "\(person.role)'s menu on \(database)")
                XCTAssertEqual(menu.first.map { Self.path($0.href) }, person.home, "the home comes first in \(person.role)'s menu")
                XCTAssertTrue(menu.allSatisfy { $0.href.hasSuffix("?lang=\(language.rawValue)") }, "the menu keeps the language: \(menu)")
                let labels = Self.menuLabels[language] ?? [:]
                for link in menu {
                    XCTAssertEqual(link.label, labels[Self.path(link.href)], "\(link.href) is named in \(language.rawValue) for \(person.role)")
                }
                // Exactly: every page a menu may list opens for the role when its menu lists it, and is refused otherwise.
                for page in Self.menuPages where page != "/" {
                    let answer = try await browser.get(page)
                    XCTAssertEqual(answer.status, person.menu.contains(page) ? .ok : .forbidden, "\(person.role) opens \(page) on \(database)")
                }
                let root = try await browser.get("/")
                XCTAssertEqual(root.status, person.menu.contains("/") ? .ok : .seeOther, "\(person.role) opens / on \(database)")
                if !person.menu.contains("/") {
                    XCTAssertEqual(root.headers.first(name: .location), person.home, "/ sends \(person.role) home")
                }
            }
        }
    }

    func testNoLinkOnAnyPageAnyRoleReachesFromItsMenuAnswers403Or404Or500() async throws {
        try await each { fixture, database in
            for person in Self.people {
                let (browser, home) = try await signIn(fixture, person, language: .zhCN, database: database)
                let crawl = try await Self.crawl(from: "\(person.home)?lang=zh-CN", first: home, browser: browser, depth: 3, limit: 250)
                XCTAssertTrue(crawl.failures.isEmpty, "\(person.role) on \(database) followed links to: \(crawl.failures.joined(separator: "; "))")
                XCTAssertTrue(person.menu.isSubset(of: crawl.visited.map(Self.path)), "\(person.role) reached every menu page on \(database)")
                // The crawl is not trivially empty: it reached the pages the data gives each role.
                let expected: [Role: [String]] = [
                    .collector: ["/work/cases/KW1", "/work/cases/KW3"], .supervisor: ["/work/cases/KW1", "/legal/LC-KW1"], .admin: ["/work/cases/KW1", "/compliance"],
                    .fieldAgent: ["/work/cases/KW3"],
                    .compliance: ["/work/cases/KW1", "/work/cases/KW2", "/work/cases/KW3"], .legal: ["/legal/LC-KW1"],
                ]
                for page in expected[person.role] ?? [] {
                    XCTAssertTrue(crawl.visited.contains { Self.path($0) == page }, "\(person.role) reached \(page) on \(database): \(crawl.visited.sorted())")
                }
            }
        }
    }

    /// The menu's labels in each language, by path.
    static let menuLabels: [Language: [String: String]] = [
        .en: ["/work": "My queue", "/search": "Find a customer", "/visits": "Visits", "/supervisor": "Team", "/legal": "Legal", "/compliance": "Compliance", "/compliance/flags": "Flags",
              "/compliance/complaints": "Complaints", "/audit": "Audit log", "/outbox": "Outbox", "/": "Overview",
              "/analytics": "Analytics", "/reports/monthly": "Monthly report", "/runs": "Daily runs"],
        .zhCN: ["/work": "我的队列", "/search": "查找客户", "/visits": "外访", "/supervisor": "团队", "/legal": "法律诉讼", "/compliance": "合规控制台", "/compliance/flags": "客户标记",
                "/compliance/complaints": "投诉", "/audit": "审计日志", "/outbox": "发件箱", "/": "逾期概览",
                "/analytics": "催收分析", "/reports/monthly": "月度报告", "/runs": "每日批处理"],
    ]

    // MARK: Reading pages

    /// The links of the page's menu (`nav#menu`), in order.
    static func menuLinks(_ html: String) -> [(href: String, label: String)] {
        guard let start = html.range(of: "<nav class=\"menu\" id=\"menu\""), let end = html.range(of: "</nav>", range: start.upperBound..<html.endIndex) else {
            return []
        }
        let nav = String(html[start.upperBound..<end.lowerBound])
        return matches(#"<a href="([^"]*)">([^<]*)</a>"#, in: nav).map { (unescape($0[0]), $0[1]) }
    }

    /// Every `href` of an `<a>` on the page, unescaped.
    static func links(_ html: String) -> [String] {
        matches(#"<a\s[^>]*href="([^"]*)""#, in: html).map { unescape($0[0]) }
    }

    /// The path of a link, without its query and fragment.
    static func path(_ link: String) -> String {
        String(link.prefix { $0 != "?" && $0 != "#" })
    }

    /// `link` on the page at `page` as a path and query on this site; nil for another site, another
    /// scheme (`tel:`, `geo:`, `mailto:`) or a fragment of the same page.
    static func resolve(_ link: String, on page: String) -> String? {
        let link = String(link.prefix { $0 != "#" })
        if link.isEmpty || link.hasPrefix("//") { return nil }
        if link.hasPrefix("/") { return link }
        if link.hasPrefix("?") { return path(page) + link }
        if let colon = link.firstIndex(of: ":"), !link[..<colon].contains("/") { return nil }
        let directory = path(page).split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        return directory + "/" + link
    }

    /// Follows every same-site link from `start` (whose answer is `first`) breadth-first, GET only,
    /// to `depth` links away and at most `limit` pages, following redirects; the failures are the
    /// links that answered 4xx or 5xx, with the page they were on.
    static func crawl(from start: String, first: XCTHTTPResponse, browser: Browser, depth: Int, limit: Int) async throws -> (visited: Set<String>, failures: [String]) {
        var visited: Set<String> = [start]
        var failures: [String] = []
        var frontier: [(page: String, html: String)] = [(start, first.body.string)]
        for _ in 0..<depth {
            var next: [(page: String, html: String)] = []
            for (page, html) in frontier {
                for link in links(html) {
                    guard var target = resolve(link, on: page), !visited.contains(target), visited.count < limit else { continue }
                    visited.insert(target)
                    var answer = try await browser.get(target)
                    var hops = 0
                    while answer.status == .seeOther || answer.status == .found || answer.status == .movedPermanently, hops < 5,
                          let location = answer.headers.first(name: .location), let resolved = resolve(location, on: target) {
                        target = resolved
                        visited.insert(target)
                        answer = try await browser.get(target)
                        hops += 1
                    }
                    if answer.status.code >= 400 {
                        failures.append("\(link) on \(page) answered \(answer.status.code)")
                    } else if answer.headers.contentType?.subType == "html" {
                        next.append((target, answer.body.string))
                    }
                }
            }
            frontier = next
        }
        return (visited, failures)
    }

    private static func matches(_ pattern: String, in text: String) -> [[String]] {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        let range = NSRange(text.startIndex..., in: text)
        return regex.matches(in: text, range: range).map { match in
            (1..<match.numberOfRanges).map { index in Range(match.range(at: index), in: text).map { String(text[$0]) } ?? "" }
        }
    }

    private static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }
}
