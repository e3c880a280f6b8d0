import ArrearsCore
import ArrearsStore
import Yams

/// A bank's tightening of its pack (`tighten:` in `policy.yaml`): a rule's numbers changed, only
/// ever to be stricter. A looser value is refused, so a pack can never be weakened by config.
enum Tightening {
    static func apply(_ tighten: Node.Mapping, to pack: PolicyPack, file: String) throws -> PolicyPack {
        var rules = pack.rules
        for (idNode, changeNode) in tighten {
            let id = idNode.string ?? ""
            func fail(_ message: String) -> ConfigError { ConfigError(file: file, line: changeNode.line ?? idNode.line, message: "tighten \(id): \(message)") }
            guard let index = rules.firstIndex(where: { $0.id == id }) else { throw fail("the pack '\(pack.id)' has no such rule") }
            let change = ConfigFields(changeNode, file: file)
            let rule = rules[index]
            func stricter(_ key: String, _ current: Int, lower: Bool) throws -> Int {
                guard let value = try change.int(key) else { return current }
                guard lower ? value <= current : value >= current else {
                    throw fail("\(key) \(value) would loosen the rule (the pack says \(current); only \(lower ? "lower" : "higher") values tighten it)")
                }
                return value
            }
            let kind: PolicyRule.Kind
            switch rule.kind {
            case .attemptCap(let cap):
                try change.only(["max", "window_days"])
                kind = .attemptCap(.init(scope: cap.scope, counting: cap.counting, channels: cap.channels,
                                         maximum: try stricter("max", cap.maximum, lower: true),
                                         windowDays: try stricter("window_days", cap.windowDays, lower: false)))
            case .quietHours(let window, let channels, let unlessAgreed):
                try change.only(["from", "to"])
                let from = try change.string("from").map { ClockWindow.minutes($0) } ?? window.from
                let to = try change.string("to").map { ClockWindow.minutes($0) } ?? window.to
                guard let from, let to else { throw fail("from and to must be HH:MM") }
                let wider = ClockWindow(from: from, to: to)
                guard wider.covers(window) else { throw fail("\(wider) does not cover the pack's quiet hours \(window)") }
                kind = .quietHours(wider, channels: channels, unlessAgreed: unlessAgreed)
            case .conversationCooloff(let days, let channels):
                try change.only(["days"])
                kind = .conversationCooloff(days: try stricter("days", days, lower: false), channels: channels)
            case .retention(let days):
                try change.only(["days"])
                kind = .retention(days: try stricter("days", days, lower: false))
            case .visitConduct(let visitors, let identification, let notice):
                try change.only(["min_collectors", "notice_hours"])
                kind = .visitConduct(minimumVisitors: try stricter("min_collectors", visitors, lower: false), identification: identification,
                                     noticeHours: try stricter("notice_hours", notice, lower: false))
            case .thirdParty(let failures, let emergencyWhen, let conditions):
                try change.only(["consecutive_failures"])
                kind = .thirdParty(consecutiveFailures: try stricter("consecutive_failures", failures, lower: false),
                                   emergencyWhen: emergencyWhen, conditions: conditions)
            default:
                throw fail("this rule has no numbers to tighten")
            }
            rules[index] = PolicyRule(id: rule.id, description: rule.description, source: rule.source, kind: kind, override: rule.override)
        }
        return PolicyPack(id: pack.id, name: pack.name, rules: rules, holidays: pack.holidays)
    }
}
