/// A small valid strategy file that the configuration tests change a line of: two segments, an
/// SMS reminder and, with `call`, a call for the challenger cell in the 16-30 bucket; a champion
/// cell of 80% and the challenger's entry as given (20%).
enum SmallStrategy {
    static func text(call: Bool, challenger: String) -> String {
        head + (call ? callTreatment : "") + policies + challenger + "\n" + templates
    }

    private static let head = """
        version: "t"
        segments:
          - { segment: prime, ratings: [A, B], max_days: 30 }
          - { segment: standard }
        treatments:
          - name: reminder
            channel: sms
            template: reminder
            cadence_days: 3
            min_days: 1
            max_days: 15

        """

    private static let callTreatment = """
          - name: call
            channel: call
            cadence_days: 1
            buckets: ["16-30"]
            cells: [challenger]

        """

    private static let policies = """
        visit_policy: { min_overdue: 5000, min_days: 31 }
        hold_policy: { promise_grace_days: 3 }
        cells:
          - { name: champion, percent: 80 }

        """

    private static let templates = """
        templates:
          reminder:
            body:
              zh-CN: "请还款 {amount}"
              en: "Please pay {amount}"

        """
}
