import Foundation
import Yams

/// The operations `openapi.yaml` lists, read with Yams and with every `$ref` resolved: what the
/// route fuzzer drives. Only what the fuzzer needs is kept: the method and path, the path and
/// query parameters with their schemas, and the JSON (or file) body's schema.
struct OpenAPIOperation: CustomStringConvertible {
    struct Parameter {
        let name: String
        let location: String
        let required: Bool
        let schema: [String: Any]
    }

    let method: String
    let path: String
    let operationId: String
    /// Whether the operation takes no bearer token (`security: []`).
    let isPublic: Bool
    let parameters: [Parameter]
    /// The schema of an `application/json` body, if it takes one.
    let jsonBody: [String: Any]?
    /// The media types of a raw file body (`image/jpeg` ...), if it takes one.
    let fileTypes: [String]

    var description: String { "\(method) \(path)" }
    var pathParameters: [Parameter] { parameters.filter { $0.location == "path" } }
    var queryParameters: [Parameter] { parameters.filter { $0.location == "query" } }

    /// Every operation of the spec at `path`, in the spec's order.
    static func load(path: String) throws -> [OpenAPIOperation] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        guard let root = try Yams.load(yaml: text) as? [String: Any], let paths = root["paths"] as? [String: Any] else {
            throw OpenAPIError("\(path) has no paths")
        }
        let resolver = Resolver(root: root)
        // Yams gives dictionaries without their order: sort for a deterministic run.
        return try paths.keys.sorted().flatMap { route -> [OpenAPIOperation] in
            let item = resolver.resolve(paths[route]) as? [String: Any] ?? [:]
            let shared = item["parameters"] as? [Any] ?? []
            return try ["get", "post", "put", "patch", "delete"].compactMap { method -> OpenAPIOperation? in
                guard let operation = item[method] as? [String: Any] else { return nil }
                let parameters = try (shared + (operation["parameters"] as? [Any] ?? [])).map { raw -> Parameter in
                    guard let parameter = resolver.resolve(raw) as? [String: Any], let name = parameter["name"] as? String,
                          let location = parameter["in"] as? String else { throw OpenAPIError("a parameter of \(method) \(route) has no name") }
                    return Parameter(name: name, location: location, required: parameter["required"] as? Bool == true, schema: resolver.resolve(parameter["schema"]) as? [String: Any] ?? [:])
                }
                let body = resolver.resolve(operation["requestBody"]) as? [String: Any]
                let content = body?["content"] as? [String: Any] ?? [:]
                let json = (content["application/json"] as? [String: Any])?["schema"]
                let security = operation["security"] as? [Any]
                return OpenAPIOperation(method: method.uppercased(), path: route, operationId: operation["operationId"] as? String ?? route,
                                        isPublic: security?.isEmpty == true, parameters: parameters,
                                        jsonBody: json.map { resolver.resolve($0) as? [String: Any] ?? [:] },
                                        fileTypes: content.keys.filter { $0 != "application/json" }.sorted())
            }
        }
    }

    /// Resolves `$ref`s (local ones, `#/components/...`) all the way down.
    private struct Resolver {
        let root: [String: Any]

        func resolve(_ value: Any?, depth: Int = 0) -> Any? {
            guard depth < 32 else { return value }
            if var object = value as? [String: Any] {
                if let reference = object["$ref"] as? String {
                    object.removeValue(forKey: "$ref")
                    let target = resolve(lookUp(reference), depth: depth + 1) as? [String: Any] ?? [:]
                    return object.merging(target) { mine, _ in mine }
                }
                return object.mapValues { resolve($0, depth: depth + 1) as Any }
            }
            if let list = value as? [Any] { return list.map { resolve($0, depth: depth + 1) as Any } }
            return value
        }

        private func lookUp(_ reference: String) -> Any? {
            guard reference.hasPrefix("#/") else { return nil }
            var node: Any? = root
            for key in reference.dropFirst(2).split(separator: "/") { node = (node as? [String: Any])?[String(key)] }
            return node
        }
    }
}

struct OpenAPIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
