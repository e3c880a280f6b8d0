import ArrearsCore
import ArrearsStore
import ArrearsWorkflows
import Foundation
import XCTest

/// The three shipped packs, as loaded from config/, judging contacts the way their regulations
/// read. Times are UTC; the customers live in Shanghai (UTC+8), New York or London.
final class ShippedPacksTests: XCTestCase {
    static let config = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("config").path

    private func pack(_ id: String) throws -> PolicyPack { try PolicyConfig.loadPack(id, directory: Self.config) }
    private func at(_ text: String) -> Date { ContactRecords.date(text)! }
    private func text(_ date: Date?) -> String? { date.map(ContactRecords.timestamp) }

    private func customer(_ zone: String = "Asia/Shanghai", flags: [CustomerFlag] = [], points: [ContactPoint] = [],
                          appointments: [Appointment] = [], attempts: [ContactAttempt] = []) -> CustomerStanding {
        var contactPoints = [ContactPoint.mobile: ContactPoint(id: ContactPoint.mobile, kind: .own),
                             ContactPoint.email: ContactPoint(id: ContactPoint.email, kind: .own),
                             ContactPoint.address: ContactPoint(id: ContactPoint.address, kind: .own)]
        for point in points { contactPoints[point.id] = point }
        return CustomerStanding(customerId: "C1", timeZone: TimeZone(identifier: zone), flags: flags, contactPoints: contactPoints,
                                appointments: appointments, attempts: attempts)
    }

    private func calls(_ count: Int, from start: String, outcome: ContactAttempt.Outcome = .noAnswer, point: String = ContactPoint.mobile) -> [ContactAttempt] {
        (0..<count).map { ContactAttempt(at: at(start).addingTimeInterval(Double($0) * 600), channel: .call, contactPoint: point, outcome: outcome) }
    }

    func testChinaForbidsContactFrom22To8LocalAndSaysWhenItMayResume() throws {
        let cn = try pack("cn")
        let late = cn.check(ContactRequest(channel: .call, at: at("2026-11-24T14:30:00Z")), for: customer())
        XCTAssertFalse(late.allowed)
        XCTAssertEqual(late.rule, "cn.quiet-hours")
        XCTAssertEqual(text(late.nextAllowedAt), "2026-11-25T00:00:00Z", "08:00 the next morning in Shanghai")
        XCTAssertTrue(cn.check(ContactRequest(channel: .sms, at: at("2026-11-24T13:59:00Z")), for: customer()).allowed, "21:59 local")
        let early = cn.check(ContactRequest(channel: .sms, at: at("2026-11-24T23:00:00Z")), for: customer())
        XCTAssertEqual(early.rule, "cn.quiet-hours", "07:00 local")
        XCTAssertEqual(text(early.nextAllowedAt), "2026-11-25T00:00:00Z")
    }

    func testAnAgreedTimeOpensTheQuietHoursForThatChannelOnly() throws {
        let cn = try pack("cn")
        let agreed = Appointment(channel: .call, startsAt: at("2026-11-24T14:00:00Z"), endsAt: at("2026-11-24T15:00:00Z"), notifiedAt: nil)
        let standing = customer(appointments: [agreed])
        XCTAssertTrue(cn.check(ContactRequest(channel: .call, at: at("2026-11-24T14:30:00Z")), for: standing).allowed)
        XCTAssertEqual(cn.check(ContactRequest(channel: .sms, at: at("2026-11-24T14:30:00Z")), for: standing).rule, "cn.quiet-hours")
    }

    func testChinaCapsSixAttemptsPerContactPointAndThreeConversationsPerCustomerADay() throws {
        let cn = try pack("cn")
        let noon = ContactRequest(channel: .call, at: at("2026-11-24T04:00:00Z"))
        XCTAssertTrue(cn.check(noon, for: customer(attempts: calls(5, from: "2026-11-24T01:00:00Z"))).allowed)
        let seventh = cn.check(noon, for: customer(attempts: calls(6, from: "2026-11-24T01:00:00Z")))
        XCTAssertEqual(seventh.rule, "cn.call-attempts-per-contact-point")
        XCTAssertEqual(text(seventh.nextAllowedAt), "2026-11-25T00:00:00Z")
        // Another number of the customer's is a different contact point.
        let work = ContactPoint(id: "work-phone", kind: .own)
        XCTAssertTrue(cn.check(ContactRequest(channel: .call, at: at("2026-11-24T04:00:00Z"), contactPoint: "work-phone"),
                               for: customer(points: [work], attempts: calls(6, from: "2026-11-24T01:00:00Z"))).allowed)
        // Yesterday's attempts (Shanghai's yesterday, though the same UTC day) do not count.
        XCTAssertTrue(cn.check(noon, for: customer(attempts: calls(6, from: "2026-11-23T14:00:00Z").map {
            ContactAttempt(at: $0.at.addingTimeInterval(-3600 * 2), channel: .call, contactPoint: ContactPoint.mobile, outcome: .noAnswer)
        })).allowed)
        let talked = cn.check(noon, for: customer(attempts: calls(3, from: "2026-11-24T01:00:00Z", outcome: .rightPartyContact)))
        XCTAssertEqual(talked.rule, "cn.connected-calls-per-customer")
    }

    func testThirdPartiesOnlyWhenTheCustomerCannotBeReached() throws {
        let cn = try pack("cn")
        let colleague = ContactPoint(id: "colleague", kind: .thirdParty)
        let ask = ContactRequest(channel: .thirdParty, at: at("2026-11-24T03:00:00Z"), contactPoint: "colleague")
        XCTAssertEqual(cn.check(ask, for: customer(points: [colleague], attempts: calls(2, from: "2026-11-24T01:00:00Z"))).rule, "cn.third-parties")
        let unreachable = cn.check(ask, for: customer(points: [colleague], attempts: calls(3, from: "2026-11-24T01:00:00Z")))
        XCTAssertTrue(unreachable.allowed)
        XCTAssertTrue(unreachable.conditions.contains("never disclose the debt or any detail of it"))
        let invalidMobile = ContactPoint(id: ContactPoint.mobile, kind: .own, valid: false)
        XCTAssertTrue(cn.check(ask, for: customer(points: [colleague, invalidMobile])).allowed)
        let emergency = ContactPoint(id: "mother", kind: .emergencyContact)
        let askMother = ContactRequest(channel: .thirdParty, at: at("2026-11-24T03:00:00Z"), contactPoint: "mother")
        XCTAssertEqual(cn.check(askMother, for: customer(points: [emergency, invalidMobile])).rule, "cn.third-parties")
        XCTAssertTrue(cn.check(askMother, for: customer(flags: [CustomerFlag(kind: .lost)], points: [emergency])).allowed)
    }

    func testAFieldVisitNeedsTwoCollectorsIdentificationAndANotifiedAgreedTime() throws {
        let cn = try pack("cn")
        let visitAt = at("2026-11-25T02:00:00Z")
        let agreed = Appointment(channel: .visit, startsAt: at("2026-11-25T01:30:00Z"), endsAt: at("2026-11-25T03:00:00Z"),
                                 notifiedAt: at("2026-11-23T02:00:00Z"))
        func visit(_ visitors: Int, _ identification: Bool, _ appointments: [Appointment]) -> PolicyDecision {
            cn.check(ContactRequest(channel: .visit, at: visitAt, visitors: visitors, identificationShown: identification),
                     for: customer(appointments: appointments))
        }
        XCTAssertTrue(visit(2, true, [agreed]).allowed)
        XCTAssertEqual(visit(1, true, [agreed]).reason, "a visit needs at least 2 collectors")
        XCTAssertEqual(visit(2, false, [agreed]).rule, "cn.field-visits")
        XCTAssertEqual(visit(2, true, []).reason, "no visit without a time agreed with the customer in advance")
        let lateNotice = Appointment(channel: .visit, startsAt: agreed.startsAt, endsAt: agreed.endsAt, notifiedAt: at("2026-11-24T20:00:00Z"))
        XCTAssertEqual(visit(2, true, [lateNotice]).reason, "the customer must be notified of the visit at least 24 hours before")
    }

    func testUniversalFlagsBlockInEveryPackUntilTheyEnd() throws {
        for id in ["cn", "us-reg-f", "uk-fca"] {
            let pack = try pack(id)
            let noon = ContactRequest(channel: .sms, at: at("2026-11-24T04:00:00Z"))
            let dispute = pack.check(noon, for: customer(flags: [CustomerFlag(kind: .dispute, until: LocalDate(iso: "2026-11-30"))]))
            XCTAssertEqual(dispute.rule, "universal.dispute", id)
            XCTAssertEqual(text(dispute.nextAllowedAt), "2026-12-01T00:00:00Z", "\(id): 08:00 on Dec 1 in Shanghai, when the quiet hours end")
            XCTAssertEqual(pack.check(noon, for: customer(flags: [CustomerFlag(kind: .doNotContact)])).rule, "universal.do-not-contact", id)
            XCTAssertNil(pack.check(noon, for: customer(flags: [CustomerFlag(kind: .bankruptcy)])).nextAllowedAt, "\(id): no end in sight")
            let cease = [CustomerFlag(kind: .cease, channel: .call)]
            XCTAssertTrue(pack.check(noon, for: customer(flags: cease)).allowed, "\(id): a cease request for calls leaves SMS")
            XCTAssertEqual(pack.check(ContactRequest(channel: .call, at: noon.at), for: customer(flags: cease)).rule, "universal.do-not-contact")
            let prefersEmail = [CustomerFlag(kind: .preferredChannel, value: "email")]
            XCTAssertEqual(pack.check(noon, for: customer(flags: prefersEmail)).rule, "universal.preferred-channel", id)
            XCTAssertNil(pack.check(ContactRequest(channel: .visit, at: noon.at), for: customer(flags: [CustomerFlag(kind: .vulnerable)])).nextAllowedAt)
        }
    }

    func testAMissingTimeZoneOrUnknownContactPointBlocks() throws {
        let cn = try pack("cn")
        let noon = ContactRequest(channel: .call, at: at("2026-11-24T04:00:00Z"))
        XCTAssertEqual(cn.check(noon, for: customer("Mars/Olympus_Mons")).rule, PolicyPack.unevaluable)
        XCTAssertEqual(cn.check(ContactRequest(channel: .call, at: noon.at, contactPoint: "nobody"), for: customer()).rule, PolicyPack.unevaluable)
        XCTAssertEqual(cn.check(ContactRequest(channel: .thirdParty, at: noon.at), for: customer()).rule, PolicyPack.unevaluable)
    }

    func testChinesePublicHolidaysHoldContactUntilTheFirstWorkingDay() throws {
        let cn = try pack("cn")
        let decision = cn.check(ContactRequest(channel: .sms, at: at("2026-10-02T02:00:00Z")), for: customer())
        XCTAssertEqual(decision.rule, "universal.holiday")
        XCTAssertEqual(text(decision.nextAllowedAt), "2026-10-08T00:00:00Z", "08:00 on October 8, after National Day")
    }

    func testRegulationFSevenCallsInSevenDaysAndAWeekAfterAConversation() throws {
        let us = try pack("us-reg-f")
        let zone = "America/New_York"
        let attempts = (0..<7).map { ContactAttempt(at: at("2026-11-16T15:00:00Z").addingTimeInterval(Double($0) * 86_400),
                                                    channel: .call, contactPoint: ContactPoint.mobile, outcome: .noAnswer) }
        let eighth = us.check(ContactRequest(channel: .call, at: at("2026-11-22T20:00:00Z")), for: customer(zone, attempts: attempts))
        XCTAssertEqual(eighth.rule, "us-reg-f.seven-in-seven")
        XCTAssertEqual(text(eighth.nextAllowedAt), "2026-11-23T13:00:00Z", "the first attempt leaves the window on Nov 23; 08:00 in New York")
        let conversation = [ContactAttempt(at: at("2026-11-17T15:00:00Z"), channel: .call, contactPoint: ContactPoint.mobile, outcome: .rightPartyContact)]
        let cooloff = us.check(ContactRequest(channel: .call, at: at("2026-11-23T15:00:00Z")), for: customer(zone, attempts: conversation))
        XCTAssertEqual(cooloff.rule, "us-reg-f.after-conversation", "Nov 17 is day 1, Nov 23 day 7")
        XCTAssertEqual(text(cooloff.nextAllowedAt), "2026-11-24T13:00:00Z")
        XCTAssertTrue(us.check(ContactRequest(channel: .sms, at: at("2026-11-23T15:00:00Z")), for: customer(zone, attempts: conversation)).allowed)
        XCTAssertEqual(us.check(ContactRequest(channel: .call, at: at("2026-11-24T02:30:00Z")), for: customer(zone)).rule, "us-reg-f.inconvenient-time",
                       "21:30 in New York")
        XCTAssertEqual(us.check(ContactRequest(channel: .legalReview, at: at("2026-11-24T15:00:00Z")),
                                for: customer(zone, flags: [CustomerFlag(kind: .timeBarred)])).rule, "us-reg-f.time-barred")
        XCTAssertEqual(us.optOut(.en), "Reply STOP to stop texts and e-mails from us.")
        XCTAssertEqual(us.check(ContactRequest(channel: .call, at: at("2026-11-26T16:00:00Z")), for: customer(zone)).rule, "universal.holiday",
                       "Thanksgiving")
    }

    func testUKBreathingSpaceVulnerableVisitsAndForbearanceBeforeEscalation() throws {
        let uk = try pack("uk-fca")
        let zone = "Europe/London"
        let noon = at("2026-11-24T12:00:00Z")
        let breathing = [CustomerFlag(kind: .breathingSpace, from: LocalDate(iso: "2026-11-01"), until: LocalDate(iso: "2026-12-30"))]
        XCTAssertEqual(uk.check(ContactRequest(channel: .email, at: noon), for: customer(zone, flags: breathing)).rule, "uk-fca.breathing-space")
        XCTAssertEqual(uk.check(ContactRequest(channel: .visit, at: noon), for: customer(zone)).rule, "uk-fca.forbearance-first")
        let offered = [CustomerFlag(kind: .forbearanceOffered)]
        XCTAssertTrue(uk.check(ContactRequest(channel: .visit, at: noon, stage: .planning), for: customer(zone, flags: offered)).allowed)
        XCTAssertEqual(uk.check(ContactRequest(channel: .call, at: at("2026-11-24T21:30:00Z")), for: customer(zone)).rule, "uk-fca.contact-hours")
    }

    func testTheChineseLetterMustSayWhatTheGuidelineAsks() throws {
        let cn = try pack("cn")
        let strategy = try StrategyConfig.load(path: Self.config + "/strategy.yaml", buckets: .standard)
        let letters = try CollectionLetters.load(configDirectory: Self.config, strategy: strategy, pack: cn)
        XCTAssertEqual(Set(letters.templates["collection_letter"]?.keys.map(\.rawValue) ?? []), ["zh-CN", "en"], "the shipped letter is complete")
        let bare = MessageTemplate(name: "bare", body: [.zhCN: "尊敬的{name}：请还款{amount}元。", .en: "Dear {name}, please pay {amount}."])
        let gaps = try XCTUnwrap(cn.letterGaps(in: bare.body))
        XCTAssertEqual(gaps.rule, "cn.letter-content")
        XCTAssertTrue(gaps.missing.contains("zh-CN: seal"), "\(gaps.missing)")
        XCTAssertFalse(gaps.missing.contains("en: customer name"))
    }
}
