/// Faults the route fuzzer finds that another change of issue 22 removes: value bounds (dates
/// far out of range, amounts that overflow, page numbers and limits at `Int.max`, string
/// lengths) are fixed class-wide by the bounds work. Each entry names the route and what in the
/// input trips it. When that work is merged, delete the entries (and then this list): the
/// fuzzer must then pass without them.
enum KnownFaults {
    struct Entry {
        let route: String
        /// A piece of the case's label, e.g. `body.first_date = "9999-12-31"`.
        let input: String
    }

    /// Each of these stopped the server (a trap) before the bounds work; with it they are 422 or 400.
    static let valueBounds: [Entry] = [
        // `LocalDate.adding(months:)` force-unwraps a date past 9999-12-31.
        Entry(route: "POST /api/v1/arrangements/quote", input: #"body.first_date = "9999-12-31""#),
        Entry(route: "POST /work/cases/{case}/arrangements", input: "form.first_date = 9999-12-31"),
        Entry(route: "POST /s/{selfservice}/plan", input: "form.first_date = 9999-12-31"),
        // The monthly report's month, or the period's end, in year 9999.
        Entry(route: "GET /reports/monthly", input: "query.month = 9999-12"),
        Entry(route: "GET /reports/monthly", input: "query.to = 9999-12-31"),
        // A page number at `Int.max` overflows the offset.
        Entry(route: "GET /", input: "query.page = 9223372036854775807"),
    ]

    static func matches(_ fault: RouteFuzzer.Fault) -> Bool {
        valueBounds.contains { fault.fuzzCase.route == $0.route && fault.fuzzCase.label.contains($0.input) }
    }
}
