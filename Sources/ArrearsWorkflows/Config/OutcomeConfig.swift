import ArrearsCore
import ArrearsStore
import Foundation
import Yams

/// Reads what each contact outcome does from `outcomes.yaml` (issue 24; docs/outcomes.md): the
/// one place an outcome's consequences are configured. Without the file outcomes are recorded
/// and do nothing more. Every mistake is a `ConfigError` with the file and line.
public enum OutcomeConfig {
    public static let fileName = "outcomes.yaml"

    public static func load(fromDirectory directory: String) throws -> OutcomeRules {
        guard let file = try ConfigYAML.read(fileName, inDirectory: directory) else { return .none }
        return try parse(file.text, file: file.path)
    }

    static let keys = ["flag", "task", "contact_request", "appointment", "mark_contact_point"]

    public static func parse(_ text: String, file: String) throws -> OutcomeRules {
        let fields = ConfigFields(try ConfigYAML.compose(text, file: file), file: file)
        try fields.only(["outcomes"])
        guard let outcomes = try fields.section("outcomes") else { return .none }
        try outcomes.only(ContactAttempt.Outcome.allCases.map(\.rawValue))
        var rules: [ContactAttempt.Outcome: OutcomeRules.Consequences] = [:]
        for outcome in ContactAttempt.Outcome.allCases {
            guard let section = try outcomes.section(outcome.rawValue, named: outcome.rawValue) else { continue }
            try section.only(keys)
            var consequences = OutcomeRules.Consequences()
            consequences.flag = try section.choice("flag", CustomerFlag.Kind.self)
            if let task = try section.section("task") {
                try task.only(["queue", "kind", "title"])
                consequences.task = OutcomeRules.FollowUp(queue: try task.required("queue", task.string("queue")), kind: try task.required("kind", task.string("kind")),
                                                          title: try task.required("title", task.string("title")))
            }
            consequences.contactRequest = try section.choice("contact_request", OutcomeRules.AcceptedChannels.self)
            if let callback = try section.section("appointment") {
                try callback.only(["minutes", "within_days"])
                consequences.appointment = OutcomeRules.Callback(minutes: try callback.int("minutes", in: 1...480) ?? 30,
                                                                 withinDays: try callback.int("within_days", in: 1...365) ?? 30)
            }
            consequences.marksContactPoint = try section.bool("mark_contact_point") ?? false
            rules[outcome] = consequences
        }
        return OutcomeRules(outcomes: rules)
    }
}
