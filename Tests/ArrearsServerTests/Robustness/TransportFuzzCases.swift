/// Requests that are wrong in their transport rather than their values: very long paths,
/// queries and headers, compressed bodies, unusual methods. Sent as an admin, once each.
enum TransportFuzzCases {
    static func all(ids: FuzzIds) -> [FuzzCase] {
        let customer = FuzzValues.percentEncoded(ids.first("customer"))
        let caseId = FuzzValues.percentEncoded(ids.first("case"))
        let attempt = FuzzCase(route: "POST /api/v1/contact-attempts", label: "base", method: "POST", path: "/api/v1/contact-attempts",
                               headers: [("Content-Type", "application/json")], body: Array("{}".utf8))
        var cases: [FuzzCase] = []
        // Under NIO's 80 KiB limit on a request's head the server answers; over it NIO closes.
        for (length, over) in [(70_000, false), (200_000, true)] {
            let long = String(repeating: "x", count: length)
            let name = "a \(length)-character"
            cases += [
                FuzzCase(route: "GET /api/v1/customers/{id}", label: "\(name) id", method: "GET", path: "/api/v1/customers/" + long),
                FuzzCase(route: "GET /work/cases/{case}", label: "\(name) id", method: "GET", path: "/work/cases/" + long),
                FuzzCase(route: "POST /work/cases/{case}/attempts", label: "\(name) id", method: "POST", path: "/work/cases/\(long)/attempts",
                         form: [("channel", "call"), ("outcome", "no_answer")]),
                FuzzCase(route: "GET /{long}", label: "\(name) path", method: "GET", path: "/" + long),
                FuzzCase(route: "GET /api/v1/cases", label: "\(name) query", method: "GET", path: "/api/v1/cases?limit=" + long),
                FuzzCase(route: "GET /api/v1/customers/{id}", label: "\(name) header", method: "GET", path: "/api/v1/customers/\(customer)",
                         headers: [("X-Long", long)]),
                FuzzCase(route: "GET /work/cases/{case}", label: "\(name) cookie", method: "GET", path: "/work/cases/\(caseId)",
                         headers: [("Cookie", "other=\(long)")]),
            ].map { fuzzCase in
                var fuzzCase = fuzzCase
                fuzzCase.longHead = true
                fuzzCase.headOverNIOLimit = over
                return fuzzCase
            }
        }
        cases.append(FuzzCase(route: "GET /api/v1/customers/{id}", label: "an id of 20,000 path segments", method: "GET",
                              path: "/api/v1/customers/" + String(repeating: "a/", count: 20_000)))
        for method in ["PROPFIND", "TRACE", "OPTIONS", "PATCH", "DELETE", "PUT"] {
            cases.append(FuzzCase(route: "\(method) /api/v1/cases", label: "an unusual method", method: method, path: "/api/v1/cases"))
            cases.append(FuzzCase(route: "\(method) /work", label: "an unusual method", method: method, path: "/work"))
        }
        cases += APIFuzzCases.compressedCases(attempt, json: #"{"customer_id":"\#(ids.first("customer"))"}"#)
        return cases
    }
}
