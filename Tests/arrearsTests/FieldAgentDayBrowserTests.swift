import ArrearsCore
import ArrearsStore
import ArrearsWorkflows
import Foundation
import XCTest

/// Issue 25's field agent at work for a day, in a real headless Chromium against `arrears demo`,
/// on a phone (390x844, Chinese) and a desktop (1366x900, English), from the sign-in page by links
/// and forms alone: today's visits, the address revealed with a reason (a `geo:` map link and a
/// `tel:` link), the check-in, the report. The visits were dispatched three days earlier, as a
/// supervisor does with a day's notice, for a window that is open now.
final class FieldAgentDayBrowserTests: RoleDayBrowserTestCase {
    /// The demo's field user works as this team of `config/teams.yaml`.
    static let fieldTeam = "f-shanghai"

    /// Dispatches `count` visits to the field team, as if three days ago, each for a window from
    /// an hour ago (or from midnight in Shanghai, when that is later: the page lists the visits
    /// that start on the customer's local date) to three hours ahead; returns their ids.
    private func dispatchOpenVisits(_ count: Int) async throws -> [String] {
        let store = try await openDemoStore()
        var ids: [String] = [], refusals: [String] = []
        do {
            let config = CommandRunner.packageRoot.appendingPathComponent("config").path
            let book = VisitBook(store: store, places: try VisitPlaces.load(fromDirectory: config))
            let teams = VisitTeams(configured: try TeamsConfig.load(fromDirectory: config))
            let now = Date()
            var shanghai = Calendar(identifier: .gregorian)
            shanghai.timeZone = TimeZone(identifier: "Asia/Shanghai") ?? .gmt
            let startsAt = max(now.addingTimeInterval(-3_600), shanghai.startOfDay(for: now))
            for candidate in try await book.awaitingDispatch(limit: 200) where ids.count < count {
                let request = VisitBook.Dispatch(caseId: candidate.caseId, agentId: Self.fieldTeam, startsAt: startsAt,
                                                 endsAt: now.addingTimeInterval(3 * 3_600), location: nil)
                do {
                    ids.append(try await book.dispatch(request, teams: teams, by: "user:supervisor", now: now.addingTimeInterval(-3 * 86_400)).id)
                } catch {
                    refusals.append("\(candidate.caseId) \(candidate.region ?? "-"): \(error)")
                }
            }
        } catch {
            await store.shutdown()
            throw error
        }
        await store.shutdown()
        XCTAssertEqual(ids.count, count, "the demo has visit tasks in the field team's region: \(refusals.prefix(5))")
        return ids
    }

    func testAFieldAgentRevealsChecksInAndReportsTodaysVisitOnAPhone() async throws {
        try await withDemo { base, browser in
            let visits = try await dispatchOpenVisits(Self.sizes.count)
            guard visits.count == Self.sizes.count else { return }
            for (index, (width, height, language)) in Self.sizes.reversed().enumerated() {
                let size = "\(width)x\(height)", zh = language != "en", card = "#visit-\(visits[index])"
                try await browser.setWindowSize(width: width, height: height)
                let home = try await signIn("field", language: language, base: base, browser)
                XCTAssertTrue(home.contains("/visits"), "the field agent lands on today's visits at \(size): \(home)")
                let listed = try await text(card, browser)
                XCTAssertTrue(listed.contains("***"), "today's visit is listed, its address masked, at \(size): \(listed)")
                try await assertReadable("today's visits at \(size)", language: language, browser)
                try await snap("field-\(size)-1-today", browser)

                // Reveal the address: a map link and a number to dial.
                _ = try await browser.evaluate("document.querySelector('\(card) details.reveal').open = true; return 1;")
                try await fill("\(card) form.reveal-form input[name=reason]", zh ? "今日上门前核对客户地址" : "checking the address before today's visit", browser)
                _ = try await go("\(card) form.reveal-form button[type=submit]", browser) { $0.contains("/reveal") }
                try await assertEmpty("#visits-error", "revealed at \(size)", browser)
                let links = try await browser.evaluate("""
                    const c = document.querySelector('\(card)');
                    return [c.querySelector('.revealed-address')?.textContent ?? '', c.querySelector('a.map-link')?.getAttribute('href') ?? '', c.querySelector('a.dial')?.getAttribute('href') ?? ''];
                    """) as? [String] ?? []
                XCTAssertEqual(links.count, 3, size)
                if links.count == 3 {
                    XCTAssertFalse(links[0].isEmpty || links[0].contains("*"), "the address in full at \(size): \(links[0])")
                    XCTAssertTrue(links[1].hasPrefix("geo:"), "a map link at \(size): \(links[1])")
                    XCTAssertTrue(links[2].hasPrefix("tel:") && !links[2].contains("*"), "a number to dial at \(size): \(links[2])")
                }
                try await assertReadable("the revealed address at \(size)", language: language, browser)
                _ = try await browser.evaluate("document.querySelector('\(card)').scrollIntoView(); return 1;")
                try await snap("field-\(size)-2-revealed", browser)

                // Check in: the customer confirmed the window.
                if try await browser.evaluate("return !!document.querySelector('\(card) form.confirm-form');") as? Bool == true {
                    _ = try await go("\(card) form.confirm-form button[type=submit]", browser) { $0.contains("#visit-") }
                    try await assertEmpty("#visits-error", "checked in at \(size)", browser)
                    let status = try await browser.evaluate("return document.querySelector('\(card)')?.dataset.status ?? '';") as? String
                    XCTAssertEqual(status, "confirmed", "checked in at \(size)")
                } else {
                    XCTFail("the visit can be checked in at \(size)")
                }

                // Report the visit on the phone's form.
                let form = "\(card) form.report-form"
                try await choose("\(form) select[name=met]", "customer", browser)
                try await fill("\(form) input[name=situation]", zh ? "客户在家，失业三个月" : "at home, out of work for three months", browser)
                try await fill("\(form) input[name=promise_amount]", "200", browser)
                try await choose("\(form) input[name=promise_due_on]", day(in: 7), browser)
                try await fill("\(form) textarea[name=note]", zh ? "留下联系卡" : "left a card", browser)
                _ = try await browser.evaluate("""
                    document.querySelector('\(form) input[name=identification_shown]').checked = true;
                    document.querySelector('\(form) input[name=two_collectors_present]').checked = true; return 1;
                    """)
                try await snap("field-\(size)-3-report", browser)
                _ = try await go("\(form) button[type=submit]", browser) { $0.contains("#visit-") }
                try await assertEmpty("#visits-error", "reported at \(size)", browser)
                let status = try await browser.evaluate("return document.querySelector('\(card)')?.dataset.status ?? '';") as? String
                XCTAssertEqual(status, "done", "the visit is reported (done) at \(size)")
                let reported = try await text(card, browser)
                XCTAssertTrue(reported.contains(zh ? "客户本人" : "customer") || reported.contains(zh ? "本人" : "Customer"), "whom the agent met, in words, at \(size): \(reported)")
                try await assertReadable("the reported visit at \(size)", language: language, browser)
                _ = try await browser.evaluate("document.querySelector('\(card)').scrollIntoView(); return 1;")
                try await snap("field-\(size)-4-reported", browser)
                try await signOut(browser)
            }
        }
    }
}
