import ArrearsCore
import ArrearsTestSupport
import Foundation

/// The cases for one operation of `openapi.yaml`: first the request a client would send (real
/// ids, every field filled with a plausible value), then that request with one thing changed at
/// a time: a path id, a query parameter, a body field (boundary values, wrong types, missing),
/// the body as a whole (empty, not JSON, duplicated keys, deeply nested, the wrong content type,
/// compressed). At most `limit` cases, a deterministic sample of them when there are more.
struct APIFuzzCases {
    let operation: OpenAPIOperation
    let ids: FuzzIds
    let today: LocalDate

    func cases(limit: Int, random: inout FuzzRandom) -> [FuzzCase] {
        let base = baseCase()
        var varied = pathCases(base) + queryCases(base)
        if let schema = operation.jsonBody {
            varied += fieldCases(base, schema: schema) + wholeBodyCases(base, schema: schema)
        } else if !operation.fileTypes.isEmpty {
            varied += fileCases(base)
        }
        return [base] + random.sample(varied, count: limit - 1)
    }

    // MARK: - The request a client would send

    private var route: String { "\(operation.method) \(operation.path)" }

    func baseCase() -> FuzzCase {
        var fuzzCase = FuzzCase(route: route, label: "base", method: operation.method, path: path(replacing: nil))
        if let schema = operation.jsonBody {
            fuzzCase.headers = [("Content-Type", "application/json")]
            fuzzCase.body = Array(Self.object(baseFields(schema)).utf8)
        } else if let type = operation.fileTypes.first {
            fuzzCase.headers = [("Content-Type", type)]
            fuzzCase.body = Array(type == "application/pdf" ? SampleFiles.pdf : type == "image/jpeg" ? SampleFiles.jpeg : SampleFiles.png)
        }
        return fuzzCase
    }

    /// The path with real ids, the required query parameters, and `replacing` one parameter's value.
    private func path(replacing: (name: String, value: String)?, extraQuery: String? = nil) -> String {
        var path = operation.path
        for parameter in operation.pathParameters {
            let value = replacing?.name == parameter.name ? replacing!.value
                : FuzzValues.percentEncoded(ids.first(FuzzIds.kind(ofPathParameter: parameter.name, in: operation.path)))
            path = path.replacingOccurrences(of: "{\(parameter.name)}", with: value)
        }
        var query: [String] = []
        for parameter in operation.queryParameters {
            if replacing?.name == parameter.name {
                query.append(replacing!.value)
            } else if parameter.required {
                query.append(parameter.name + "=" + FuzzValues.percentEncoded(baseText(parameter.name, schema: parameter.schema)))
            }
        }
        if let extraQuery { query.append(extraQuery) }
        return query.isEmpty ? path : path + "?" + query.joined(separator: "&")
    }

    // MARK: - Path, query

    private func pathCases(_ base: FuzzCase) -> [FuzzCase] {
        operation.pathParameters.flatMap { parameter -> [FuzzCase] in
            let kind = FuzzIds.kind(ofPathParameter: parameter.name, in: operation.path)
            let values = ids.all(kind).dropFirst().prefix(2).map { $0 } + FuzzValues.identifiers + ["..", "%2e%2e%2f%2e%2e"]
            return values.map { value in
                let encoded = value.hasPrefix("%") ? value : FuzzValues.percentEncoded(value)
                var fuzzCase = base.with(label: "path.\(parameter.name) = \(value)")
                fuzzCase.path = path(replacing: (parameter.name, encoded))
                return fuzzCase
            }
        }
    }

    private func queryCases(_ base: FuzzCase) -> [FuzzCase] {
        operation.queryParameters.flatMap { parameter -> [FuzzCase] in
            let kind = FuzzValues.kind(name: parameter.name, schema: parameter.schema)
            var texts = FuzzValues.texts(for: kind)
            if kind == .identifier { texts += ["eyJ4IjoxfQ", "!!!"] }
            var cases = texts.map { text in
                var fuzzCase = base.with(label: "query.\(parameter.name) = \(text)")
                fuzzCase.path = path(replacing: (parameter.name, parameter.name + "=" + FuzzValues.percentEncoded(text)))
                return fuzzCase
            }
            for (label, query) in [("repeated", "\(parameter.name)=1&\(parameter.name)=2"), ("as a list", "\(parameter.name)[]=1"),
                                   ("as an object", "\(parameter.name)[a]=1"), ("without a value", parameter.name)] {
                var fuzzCase = base.with(label: "query.\(parameter.name) \(label)")
                fuzzCase.path = path(replacing: (parameter.name, query))
                cases.append(fuzzCase)
            }
            return cases
        }
    }

    // MARK: - JSON bodies

    /// Optional fields that a plausible request of an operation carries besides the required ones
    /// and those that cannot conflict (enumerations, numbers, booleans): without them it is refused
    /// before it reaches anything of interest.
    static let usualFields: [String: Set<String>] = [
        "proposeArrangement": ["first_date"],
        "openComplaint": ["description"],
        "addCustomerFlag": ["from", "note"],
        "addLegalCost": ["incurred_on"],
        "moveLegalCase": ["on"],
    ]

    /// The body's fields with plausible values, as JSON tokens in the order of their names: the
    /// required ones, the usual ones, and optional enumerations, numbers and booleans.
    private func baseFields(_ schema: [String: Any]) -> [(String, String)] {
        let properties = schema["properties"] as? [String: Any] ?? [:]
        let required = Set(schema["required"] as? [String] ?? [])
        let usual = Self.usualFields[operation.operationId] ?? []
        return properties.keys.sorted().compactMap { name in
            let fieldSchema = properties[name] as? [String: Any] ?? [:]
            let kind = FuzzValues.kind(name: name, schema: fieldSchema)
            let plain: Bool = switch kind {
            case .enumeration, .integer, .boolean: true
            default: false
            }
            guard required.contains(name) || usual.contains(name) || plain else { return nil }
            return (name, baseToken(name, schema: fieldSchema))
        }
    }

    private func baseToken(_ name: String, schema: [String: Any]) -> String {
        switch FuzzValues.kind(name: name, schema: schema) {
        case .integer: return String((schema["minimum"] as? Int).map { max($0, name == "count" ? 3 : $0) } ?? (name == "count" ? 3 : 1))
        case .boolean: return "true"
        case .object: return Self.object(baseFields(schema))
        case .list:
            let items = schema["items"] as? [String: Any] ?? [:]
            return "[" + baseToken(String(name.dropLast()), schema: items) + "]"
        default: return FuzzValues.json(baseText(name, schema: schema))
        }
    }

    /// A plausible text value for a string field or parameter.
    func baseText(_ name: String, schema: [String: Any]) -> String {
        let kind = FuzzValues.kind(name: name, schema: schema)
        switch kind {
        case .enumeration(let values): return values.first ?? ""
        case .date: return today.adding(days: 7).description
        case .timestamp:
            if name.hasPrefix("starts") { return today.adding(days: 2).description + "T10:00:00+08:00" }
            if name.hasPrefix("ends") { return today.adding(days: 2).description + "T11:00:00+08:00" }
            return ISO8601DateFormatter().string(from: Date())
        case .amount: return "100.00"
        case .share: return "10%"
        case .integer: return "1"
        case .identifier: return FuzzIds.kind(ofField: name).map { ids.first($0) } ?? "fuzz-\(name)"
        default:
            switch name {
            case "currency": return "CNY"
            case "file_name", "name": return "photo.png"
            case "username": return "fuzz-nobody"
            case "password": return "not the password"
            default: return "fuzz \(name)"
            }
        }
    }

    private func fieldCases(_ base: FuzzCase, schema: [String: Any]) -> [FuzzCase] {
        let properties = schema["properties"] as? [String: Any] ?? [:]
        // Every field of the schema, those the plain request leaves out added in turn.
        return properties.keys.sorted().flatMap { name -> [FuzzCase] in
            var fields = baseFields(schema)
            if !fields.contains(where: { $0.0 == name }) {
                fields.append((name, baseToken(name, schema: properties[name] as? [String: Any] ?? [:])))
            }
            let index = fields.firstIndex { $0.0 == name } ?? 0
            let fieldSchema = properties[name] as? [String: Any] ?? [:]
            let kind = FuzzValues.kind(name: name, schema: fieldSchema)
            var tokens = FuzzValues.tokens(for: kind) + FuzzValues.wrongTypes
            if kind == .identifier, let idKind = FuzzIds.kind(ofField: name) { tokens += ids.all(idKind).dropFirst().prefix(2).map(FuzzValues.json) }
            if kind == .list { tokens += ["[null]", "[" + Array(repeating: "{}", count: 1000).joined(separator: ",") + "]"] }
            var cases = tokens.map { token -> FuzzCase in
                var changed = fields
                changed[index].1 = token
                return base.with(label: "body.\(name) = \(token)", body: Self.object(changed))
            }
            var without = fields
            without.remove(at: index)
            cases.append(base.with(label: "body.\(name) missing", body: Self.object(without)))
            if kind == .object, let nested = fieldSchema["properties"] as? [String: Any] {
                for inner in nested.keys.sorted() {
                    for token in FuzzValues.tokens(for: FuzzValues.kind(name: inner, schema: nested[inner] as? [String: Any] ?? [:])).prefix(4) {
                        let object = baseFields(fieldSchema).map { $0.0 == inner ? ($0.0, token) : $0 }
                        var changed = fields
                        changed[index].1 = Self.object(object)
                        cases.append(base.with(label: "body.\(name).\(inner) = \(token)", body: Self.object(changed)))
                    }
                }
            }
            return cases
        }
    }

    private func wholeBodyCases(_ base: FuzzCase, schema: [String: Any]) -> [FuzzCase] {
        let fields = baseFields(schema)
        let text = Self.object(fields)
        var cases: [FuzzCase] = [
            base.with(label: "body {}", body: "{}"),
            base.with(label: "body []", body: "[]"),
            base.with(label: "body null", body: "null"),
            base.with(label: "body empty", body: ""),
            base.with(label: "body not JSON", body: "not json"),
            base.with(label: "body cut short", body: String(text.prefix(text.count / 2))),
            base.with(label: "body nested 100,000 deep", body: String(repeating: "[", count: 100_000)),
            base.with(label: "body with a raw NUL", body: "{\u{0}}"),
            base.with(label: "body with invalid UTF-8", bytes: [0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x3A, 0x31, 0x7D]),
        ]
        if let first = fields.first {
            // The same key twice: the last one wins in Foundation's decoder, so the junk goes last.
            let duplicated = [first] + fields.dropFirst() + [(first.0, FuzzValues.json(FuzzValues.longText))]
            cases.append(base.with(label: "body with \(first.0) twice", body: Self.object(duplicated)))
        }
        var form = base.with(label: "form body to a JSON route", body: fields.map { "\($0.0)=\(FuzzValues.percentEncoded($0.1))" }.joined(separator: "&"))
        form.headers = [("Content-Type", "application/x-www-form-urlencoded")]
        var plain = base.with(label: "JSON body as text/plain", body: text)
        plain.headers = [("Content-Type", "text/plain")]
        var untyped = base.with(label: "JSON body without a content type", body: text)
        untyped.headers = []
        cases += [form, plain, untyped] + Self.compressedCases(base, json: text)
        return cases
    }

    /// The body compressed with gzip (correctly, corruptly, and as a bomb that inflates far past
    /// the body size limit).
    static func compressedCases(_ base: FuzzCase, json: String) -> [FuzzCase] {
        let gzip = Gzip.stored(Array(json.utf8))
        return [("gzip", gzip), ("gzip, corrupt", Array(gzip.prefix(12)) + [0xDE, 0xAD, 0xBE, 0xEF]), ("gzip bomb", Gzip.bomb)].flatMap { name, bytes in
            ["gzip", "deflate", "br"].prefix(name == "gzip" ? 3 : 1).map { encoding in
                var fuzzCase = base.with(label: "body \(name), Content-Encoding: \(encoding)", bytes: bytes)
                fuzzCase.headers.append(("Content-Encoding", encoding))
                return fuzzCase
            }
        }
    }

    // MARK: - File bodies

    private func fileCases(_ base: FuzzCase) -> [FuzzCase] {
        var cases = [
            base.with(label: "file empty", bytes: []),
            base.with(label: "file a script", bytes: Array(SampleFiles.script)),
        ]
        for type in ["text/html", "application/json", "image/svg+xml"] {
            var fuzzCase = base.with(label: "file as \(type)")
            fuzzCase.headers = [("Content-Type", type)]
            cases.append(fuzzCase)
        }
        return cases + Self.compressedCases(base, json: "{}").prefix(1)
    }

    static func object(_ fields: [(String, String)]) -> String {
        "{" + fields.map { FuzzValues.json($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }
}

extension FuzzCase {
    func with(label: String, body: String) -> FuzzCase { with(label: label, bytes: Array(body.utf8)) }

    func with(label: String, bytes: [UInt8]? = nil) -> FuzzCase {
        var copy = FuzzCase(route: route, label: label, method: method, path: path, headers: headers, body: bytes ?? body, form: form)
        if bytes != nil, !copy.headers.contains(where: { $0.0 == "Content-Type" }), method != "GET" {
            copy.headers.append(("Content-Type", "application/json"))
        }
        return copy
    }
}
