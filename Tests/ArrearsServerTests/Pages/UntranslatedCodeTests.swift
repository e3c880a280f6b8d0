import ArrearsCore
@testable import ArrearsServer
import ArrearsStore
import ArrearsTestSupport
import ArrearsWorkflows
import Foundation
import XCTVapor

/// Issue 25's "complete Chinese and English": every code a page shows has words in both
/// languages, and no page a role reaches shows a code identifier instead of its words. Each role
/// signs in, opens every page of its menu and every page one link away (the case pages, the legal
/// case, the visits), in Chinese and in English, and the text a person sees (no tags, no
/// attributes, no `<option value>`) is read word by word.
final class UntranslatedCodeTests: XCTestCase {
    // MARK: The code lists, gathered from the code and the configuration

    /// Every list of codes the pages may show: its name, the prefix of its words' keys in the
    /// catalogue (`CodeList`), and its codes (enums' raw values, config/outcomes.yaml,
    /// config/strategy.yaml's treatments, the policy packs' rule ids, the API's error codes).
    static func codeLists() throws -> [(name: String, prefix: String, codes: Set<String>)] {
        let root = PortfolioPageTests.packageRoot
        let buckets = try BucketConfig.load(fromDirectory: root + "/config")
        let strategy = try StrategyConfig.load(path: root + "/config/strategy.yaml", buckets: buckets)
        let outcomes = try OutcomeConfig.load(fromDirectory: root + "/config")
        let tasks = outcomes.outcomes.values.compactMap(\.task)
        let lists: [(String, CodeList, Set<String>)] = [
            ("outcomes", .outcome, Set(ContactAttempt.Outcome.allCases.map(\.rawValue))),
            ("contact channels", .channel, Set(ContactChannel.allCases.map(\.rawValue))),
            ("strategy channels", .channel, Set(ArrearsCore.Channel.allCases.map(\.rawValue))),
            ("complaint channels", .complaintChannel, Set(NewComplaint.Channel.allCases.map(\.rawValue))),
            ("payment channels", .paymentChannel, Set(CodeCatalogue.paymentChannels)),
            ("flags", .flag, Set(CustomerFlag.Kind.allCases.map(\.rawValue))),
            ("products", .product, Set(Product.allCases.map(\.rawValue))),
            ("segments", .segment, Set(Segment.allCases.map(\.rawValue))),
            ("buckets", .bucket, Set(buckets.buckets.map(\.name))),
            ("promise statuses", .promiseStatus, ["pending", "kept", "partly_kept", "broken", "cancelled"]),
            ("arrangement kinds", .arrangementKind, Set(ArrangementKind.allCases.map(\.rawValue))),
            ("arrangement statuses", .arrangementStatus, Set(ArrangementStatus.allCases.map(\.rawValue))),
            ("case statuses", .caseStatus, Set(CodeCatalogue.caseStatuses)),
            ("visit statuses", .visitStatus, Set(StoredVisit.Status.allCases.map(\.rawValue))),
            ("legal stages", .legalStage, Set(LegalStage.allCases.map(\.rawValue))),
            ("outbox statuses", .outboxStatus, Set(OutboxStatus.allCases.map(\.rawValue))),
            ("roles", .role, Set(Role.allCases.map(\.rawValue))),
            ("languages", .language, Set(Language.allCases.map(\.rawValue))),
            ("treatments", .treatment, Set(strategy.treatments.map(\.name))),
            ("follow-up queues", .followUpQueue, Set(tasks.map(\.queue))),
            ("follow-up tasks", .followUpTask, Set(tasks.map(\.kind))),
            ("letter templates", .letterTemplate, Set(strategy.treatments.compactMap { $0.channel == .letter ? $0.template : nil })),
            ("error codes", .error, try errorCodes()),
            ("audit actions", .auditAction, try auditActions()),
            ("contact points", .contactPoint, Set([ContactPoint.mobile, ContactPoint.email, ContactPoint.address] + ContactPoint.Kind.allCases.map(\.rawValue))),
            ("KPI dimensions", .dimension, Set(KPIDimension.allCases.map(\.rawValue))),
        ]
        return lists.map { (name: $0.0, prefix: $0.1.prefix, codes: $0.2) }
    }

    /// The policy packs' rule ids (`config/policies/*.yaml`).
    static func ruleIds() throws -> Set<String> {
        let directory = PortfolioPageTests.packageRoot + "/config/policies"
        var ids: Set<String> = []
        for file in try FileManager.default.contentsOfDirectory(atPath: directory) where file.hasSuffix(".yaml") {
            let text = try String(contentsOfFile: directory + "/" + file, encoding: .utf8)
            ids.formUnion(Self.matches(#"(?m)^\s*- id:\s*([A-Za-z0-9._-]+)"#, in: text).map { $0[0] })
        }
        return ids
    }

    /// The error codes the server answers with (`code: "…"` in its sources).
    static func errorCodes() throws -> Set<String> {
        let directory = PortfolioPageTests.packageRoot + "/Sources/ArrearsServer"
        guard let files = FileManager.default.enumerator(atPath: directory) else { return [] }
        var codes: Set<String> = []
        for case let file as String in files where file.hasSuffix(".swift") {
            let text = try String(contentsOfFile: directory + "/" + file, encoding: .utf8)
            codes.formUnion(Self.matches(#"code: "([a-z][a-z_]*)""#, in: text).map { $0[0] })
        }
        return codes
    }

    /// The audit log's actions (`action: "…"` and `…Action = "…"` in the sources, without the
    /// work queue's SQL aliases).
    static func auditActions() throws -> Set<String> {
        let directory = PortfolioPageTests.packageRoot + "/Sources"
        guard let files = FileManager.default.enumerator(atPath: directory) else { return [] }
        var actions: Set<String> = []
        for case let file as String in files where file.hasSuffix(".swift") {
            let text = try String(contentsOfFile: directory + "/" + file, encoding: .utf8)
            actions.formUnion(Self.matches(#"(?:AuditEvent\(actor: [^,]+, action|static let [a-zA-Z]*[aA]ction) ?[:=] "([a-z][a-z_.]*)""#, in: text).map { $0[0] })
        }
        return actions
    }

    // MARK: The catalogue

    func testEveryCodeHasWordsInBothLanguages() throws {
        let lists = try Self.codeLists()
        var missing: [String] = []
        for list in lists {
            for code in list.codes.sorted() {
                for (language, table) in [("en", Catalogue.english), ("zh-CN", Catalogue.chinese)] where table[list.prefix + code] == nil {
                    missing.append("\(list.name): \(code) (\(list.prefix + code)) in \(language)")
                }
            }
        }
        // A rule reads in English as its pack describes it, in Chinese by its words.
        let packs = try ["cn", "uk-fca", "us-reg-f"].map { try PolicyConfig.loadPack($0, directory: PortfolioPageTests.packageRoot + "/config") }
        for id in try Self.ruleIds().sorted() {
            if Catalogue.chinese["rule_" + id] == nil { missing.append("rule \(id) in zh-CN") }
            if Catalogue.english["rule_" + id] == nil && !packs.contains(where: { $0.rule(id) != nil }) { missing.append("rule \(id) in en") }
        }
        XCTAssertTrue(missing.isEmpty, "codes without words:\n" + missing.joined(separator: "\n"))
        XCTAssertGreaterThan(lists.map(\.codes.count).reduce(0, +), 100, "the lists are gathered, not empty")
    }

    func testEveryKeyOfTheCatalogueHasWordsInBothLanguages() {
        let english = Set(Catalogue.english.keys), chinese = Set(Catalogue.chinese.keys)
        XCTAssertEqual(english.subtracting(chinese).sorted(), [], "keys with English words only")
        // A rule reads in English as its pack describes it.
        XCTAssertEqual(chinese.subtracting(english).filter { !$0.hasPrefix(CodeList.rule.prefix) }.sorted(), [], "keys with Chinese words only")
        for (key, words) in Catalogue.english.merging(Catalogue.chinese, uniquingKeysWith: { a, b in a + b }) where words.trimmingCharacters(in: .whitespaces).isEmpty {
            XCTFail("\(key) has empty words")
        }
        XCTAssertGreaterThan(english.count, 800, "the catalogue is read, not empty")
    }

    /// Every key a page's source names (`t["wb_save"]`, `words["lg_title"]`, `localizer["sign_in"]`,
    /// and a prefix joined to a code, `t["cs_kind_" + kind]`, as a prefix some key has) exists in
    /// both catalogues.
    func testEveryKeyThePagesUseExists() throws {
        let directory = PortfolioPageTests.packageRoot + "/Sources/ArrearsServer"
        guard let files = FileManager.default.enumerator(atPath: directory) else { return XCTFail("no sources") }
        var used: [(key: String, file: String, prefix: Bool)] = []
        for case let file as String in files where file.hasSuffix(".swift") && !file.contains("Catalogue/") {
            let text = try String(contentsOfFile: directory + "/" + file, encoding: .utf8).split(separator: "\n")
                .filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }.joined(separator: "\n")
            let receiver = #"(?:\bt|\bwords|\blocalizer|\bt\.table|page\.t|Localizer\(request: req\))"#
            used += Self.matches(receiver + #"\["([a-z][A-Za-z0-9_.+-]*)"\]"#, in: text).map { ($0[0], file, false) }
            used += Self.matches(receiver + #"\["([a-z][A-Za-z0-9_.-]*_)" *\+"#, in: text).map { ($0[0], file, true) }
        }
        XCTAssertGreaterThan(used.count, 500, "the pages' keys are read")
        var unknown: Set<String> = []
        for use in used {
            for (language, table) in [("en", Catalogue.english), ("zh-CN", Catalogue.chinese)] {
                let known = use.prefix ? table.keys.contains { $0.hasPrefix(use.key) } : table[use.key] != nil
                if !known { unknown.insert("\(use.file): \(use.key)\(use.prefix ? "…" : "") in \(language)") }
            }
        }
        XCTAssertEqual(unknown.sorted(), [], "keys the pages use that the catalogue lacks")
    }

    /// A key with no words shows the English words or the key in plain letters, never a crash,
    /// and is noted for the tests.
    func testAMissingKeyIsNotedAndShownInPlainLetters() {
        Catalogue.resetMissingKeys()
        XCTAssertEqual(Words(.zhCN)["no_such_key"], "no such key")
        XCTAssertEqual(Words(.zhCN)["wb_save"], "保存")
        XCTAssertEqual(Words(.en).code(.outcome, "no_answer"), "no answer")
        XCTAssertEqual(Words(.zhCN).code(.flag, "a_bank_flag"), "a bank flag", "a code a bank's configuration added reads in plain letters")
        XCTAssertEqual(Catalogue.missingKeys, ["no_such_key"])
        Catalogue.resetMissingKeys()
    }

    // MARK: The pages

    func testNoPageAnyRoleReachesShowsACodeInsteadOfItsWords() async throws {
        let lists = try Self.codeLists()
        let rules = try Self.ruleIds()
        // In a Chinese page every code is an identifier; in an English page a single-word code reads as
        // an English word and a rule id as the pack names it, so there only snake_case words and language codes are.
        var codes: [String: String] = [:]
        for list in lists {
            for code in list.codes where code.contains(where: \.isLetter) { codes[code] = codes[code] ?? list.name }
        }
        for rule in rules { codes[rule] = "rule ids" }
        for language in ["zh-CN"] { codes[language] = "languages" }
        try await SecurityFixture.eachWithComplianceRecords { fixture, database in
            try await Self.addTheRestOfTheDay(fixture, database: database)
            Catalogue.resetMissingKeys()
            var failures: [String] = []
            for language in [Language.zhCN, .en] {
                for person in RoleHomeTests.people {
                    let browser = try await Self.signIn(fixture, person, language: language)
                    let pages = try await Self.pages(from: person.home, browser: browser, language: language)
                    XCTAssertTrue(person.menu.isSubset(of: pages.map { RoleHomeTests.path($0.path) }), "\(person.role) read every menu page on \(database)")
                    for page in pages {
                        let text = Self.visibleText(page.html)
                        // Times are local, never raw UTC (`2026-12-07T00:00:00Z`).
                        if let utc = text.range(of: #"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}"#, options: .regularExpression) {
                            failures.append("\(RoleHomeTests.path(page.path)) as \(person.role.rawValue) in \(language.rawValue): a raw UTC time in “\(Self.context(String(text[utc]), in: text))”")
                        }
                        for token in Self.tokens(text) {
                            let list = codes[token]
                            let raw = token.contains("_") || token == "zh-CN" || (language == .zhCN && list != nil)
                            if raw {
                                failures.append("\(RoleHomeTests.path(page.path)) as \(person.role.rawValue) in \(language.rawValue): \(token) (\(list ?? "an identifier")) in “\(Self.context(token, in: text))”")
                            }
                        }
                    }
                }
            }
            // The customer's own page, with the promise and the plan on it, and the rating page.
            let selfService = "/s/" + SelfServiceLink.token(customerId: "CW1", businessDate: LocalDate.today(), signer: fixture.store.links)
            for path in [selfService, RatingLink.path(attemptId: "ATT-night", signer: fixture.store.links)] {
                let page = try await fixture.app.sendRequest(.GET, "\(path)?lang=zh-CN")
                XCTAssertEqual(page.status, .ok, "\(path) on \(database)")
                let text = Self.visibleText(page.body.string)
                for token in Self.tokens(text) where token.contains("_") || codes[token] != nil {
                    failures.append("\(path.prefix(3)) as the customer in zh-CN: \(token) (\(codes[token] ?? "an identifier")) in “\(Self.context(token, in: text))”")
                }
            }
            failures += Catalogue.missingKeys.map { "a page asked for the key \($0), which the catalogue lacks" }
            let unique = Array(Set(failures)).sorted()
            XCTAssertTrue(unique.isEmpty, "on \(database), \(unique.count) codes shown instead of words:\n" + unique.joined(separator: "\n"))
        }
    }

    /// The lines that showed codes before, each in its words: the letter's template and
    /// language, the follow-up task's queue and title, the payment's channel, the audit log's
    /// details, a blocked action's treatment, and the notes the system writes on a flag.
    func testTheLinesThatShowedCodesReadInWords() async throws {
        try await SecurityFixture.eachWithComplianceRecords { fixture, database in
            try await Self.addTheRestOfTheDay(fixture, database: database)
            let supervisor = try await fixture.signedIn(.supervisor, username: "reader")
            let chinese = Self.visibleText(try await supervisor.get("/work/cases/KW1?lang=zh-CN").body.string)
            XCTAssertTrue(chinese.contains("信函 催收函 (中文)"), "\(database): the letter in words")
            XCTAssertTrue(chinese.contains("催收 · 评估客户收支状况，提供合适的宽限方案"), "\(database): the follow-up's queue and task in words")
            XCTAssertTrue(chinese.contains("1.00 · 支付宝") || chinese.contains("100.00 · 支付宝"), "\(database): the payment channel in words")
            let english = Self.visibleText(try await supervisor.get("/work/cases/KW1?lang=en").body.string)
            XCTAssertTrue(english.contains("collections · Assess the customer's income and expenditure"), "\(database): the bank's title in English")
            XCTAssertTrue(english.contains("· Alipay"), "\(database)")
            let compliance = try await fixture.signedIn(.compliance, username: "checker")
            let console = Self.visibleText(try await compliance.get("/compliance?from=2026-11-24&to=2026-11-24&lang=zh-CN").body.string)
            XCTAssertTrue(console.contains("短信 短信"), "\(database): the blocked action's treatment and channel in words")
            let flags = Self.visibleText(try await compliance.get("/compliance/flags?lang=zh-CN").body.string)
            XCTAssertTrue(flags.contains("联系结果：经济困难（ATT-"), "\(database): the outcome's note in words")
            XCTAssertTrue(flags.contains("投诉 CMPL-"), "\(database): the complaint's note in words")
            let audit = Self.visibleText(try await compliance.get("/audit?lang=zh-CN").body.string)
            XCTAssertFalse(audit.contains("{\""), "\(database): no JSON in the details")
            XCTAssertTrue(audit.contains("违反的规则: 客户当地时间 22:00 至次日 08:00"), "\(database): the breached rule in words")
        }
    }

    /// What `eachWithComplianceRecords` leaves out that the pages show: a hardship outcome on KW1
    /// (a follow-up task and a flag), a promise on KW1, a plan proposed on KW3 (for the
    /// supervisor's approvals), a payment by Alipay and a queued letter.
    static func addTheRestOfTheDay(_ fixture: SecurityFixture, database: String) async throws {
        try await fixture.addUser("logger", .collector, agentId: WorkbenchFixture.collector)
        let collector = Browser(app: fixture.app)
        _ = try await collector.signIn("logger", SecurityFixture.password)
        _ = try await collector.get("/work/cases/KW1?lang=en")
        let logged = try await collector.post("/work/cases/KW1/attempts", ["channel": "call", "outcome": "hardship", "note": "失业了", "override_reason": "agreed"])
        XCTAssertEqual(logged.status, .seeOther, "\(logged.body.string.prefix(300)) on \(database)")
        let soon = LocalMoment(Date(), offset: 0).date.adding(days: 5).description
        let promise = try await collector.post("/work/cases/KW1/promises", ["amount": "800.00", "currency": "CNY", "due_on": soon])
        XCTAssertEqual(promise.status, .seeOther, "\(promise.body.string.prefix(300)) on \(database)")
        _ = try await collector.get("/work/cases/KW3?lang=en")
        let plan = try await collector.post("/work/cases/KW3/arrangements", ["kind": "instalment_plan", "account_id": "AW3", "count": "3", "first_date": soon])
        XCTAssertEqual(plan.status, .seeOther, "\(plan.body.string.prefix(300)) on \(database)")
        let sql = fixture.store.sql
        try await sql.raw("""
            INSERT INTO payments (id, account_id, paid_on, amount_minor, currency, channel) VALUES ('P-words', 'AW1', '2026-11-10', 10000, 'CNY', 'alipay')
            """).run()
        try await sql.raw("""
            INSERT INTO letters (id, case_id, customer_id, action_id, business_date, template, language, currency, overdue_minor, dpd, due_on, status)
            VALUES ('LTR-CW1-20261123', 'KW1', 'CW1', 'KW1:2026-11-23', '2026-11-23', 'collection_letter', 'zh-CN', 'CNY', 200000, 53, '2026-10-01', 'queued')
            """).run()
    }

    /// Signs in as `person` in `language`.
    static func signIn(_ fixture: SecurityFixture, _ person: (role: Role, username: String, agentId: String?, home: String, menu: Set<String>),
                       language: Language) async throws -> Browser {
        let name = person.username + "-" + language.rawValue.lowercased()
        try await fixture.addUser(name, person.role, agentId: person.agentId)
        let browser = Browser(app: fixture.app)
        _ = try await browser.get("/login?lang=\(language.rawValue)")
        let signIn = try await browser.post("/login?lang=\(language.rawValue)", ["username": name, "password": SecurityFixture.password])
        XCTAssertEqual(signIn.status, .seeOther, "\(person.role) signs in")
        return browser
    }

    /// The home, every page its menu and links lead to, and every page one link further, in
    /// `language`; links that change the language, export files or leave the site are not followed.
    static func pages(from home: String, browser: Browser, language: Language) async throws -> [(path: String, html: String)] {
        var visited: Set<String> = []
        var pages: [(path: String, html: String)] = []
        var frontier = [home]
        for _ in 0...2 {
            var next: [String] = []
            for link in frontier {
                let target = withLanguage(link, language)
                guard !visited.contains(target), visited.count < 150 else { continue }
                visited.insert(target)
                var answer = try await browser.get(target)
                var location = target, hops = 0
                while [.seeOther, .found].contains(answer.status), hops < 5, let moved = answer.headers.first(name: .location),
                      let resolved = RoleHomeTests.resolve(moved, on: location) {
                    location = withLanguage(resolved, language)
                    answer = try await browser.get(location)
                    hops += 1
                }
                guard answer.status == .ok, answer.headers.contentType?.subType == "html" else { continue }
                let html = answer.body.string
                pages.append((location, html))
                for href in RoleHomeTests.links(html) {
                    guard let resolved = RoleHomeTests.resolve(href, on: location), !href.contains("lang=" + (language == .en ? Language.zhCN : .en).rawValue),
                          !resolved.contains("export"), !resolved.hasPrefix("/css/"), !resolved.hasPrefix("/logout") else { continue }
                    next.append(resolved)
                }
            }
            frontier = next
        }
        return pages
    }

    /// `link` with `lang=` set to `language` (and any other `lang=` removed).
    static func withLanguage(_ link: String, _ language: Language) -> String {
        let parts = link.split(separator: "?", maxSplits: 1).map(String.init)
        let kept = (parts.count > 1 ? parts[1] : "").split(separator: "&").filter { !$0.hasPrefix("lang=") }
        return parts[0] + "?" + (kept + ["lang=\(language.rawValue)"[...]]).joined(separator: "&")
    }

    // MARK: Reading a page as a person does

    /// The page's visible text: no head, scripts or styles, no tags (so no attribute values and
    /// no `<option value>`), entities decoded, each run of white space one space.
    static func visibleText(_ html: String) -> String {
        var text = html
        for element in ["head", "script", "style"] {
            text = text.replacingOccurrences(of: "<\(element)[^>]*>[\\s\\S]*?</\(element)>", with: " ", options: .regularExpression)
        }
        text = text.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
        return text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&nbsp;", with: " ").replacingOccurrences(of: "&amp;", with: "&")
            .replacingOccurrences(of: "\\s+", with: " ", options: .regularExpression)
    }

    /// The words of `text` written in Latin letters, digits, `_`, `.` and `-` (so `cn.quiet-hours`
    /// and `promise_to_pay` are one word each), without a sentence's closing full stop.
    static func tokens(_ text: String) -> [String] {
        matches("([A-Za-z0-9_][A-Za-z0-9_.-]*)", in: text).map { $0[0] }.map { token in
            var token = Substring(token)
            while let last = token.last, last == "." || last == "-" { token = token.dropLast() }
            return String(token)
        }.filter { !$0.isEmpty }
    }

    /// The words around the first `token` in `text`, for a failure's message.
    static func context(_ token: String, in text: String) -> String {
        guard let range = text.range(of: token) else { return token }
        let before = text[..<range.lowerBound].suffix(30), after = text[range.upperBound...].prefix(30)
        return (before + token + after).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    private static func matches(_ pattern: String, in text: String) -> [[String]] {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        let range = NSRange(text.startIndex..., in: text)
        return regex.matches(in: text, range: range).map { match in
            (1..<match.numberOfRanges).map { index in Range(match.range(at: index), in: text).map { String(text[$0]) } ?? "" }
        }
    }

    func testTheVisibleTextLeavesOutTagsAndAttributes() {
        let html = #"<html><head><title>x_y</title></head><body><select name="channel"><option value="promise_to_pay">承诺还款</option></select><p title="no_answer">未接听 cn.quiet-hours.</p></body></html>"#
        XCTAssertEqual(Self.tokens(Self.visibleText(html)), ["cn.quiet-hours"])
    }
}
