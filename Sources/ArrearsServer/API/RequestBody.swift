import Vapor

/// Reads a JSON request body into a `Decodable` value, turning every way it can be wrong into an
/// `APIError`: 415 `unsupported_media_type` for a body declared as something other than JSON
/// (a form, text), 400 `invalid_json` for a body that is not JSON, 422 naming the field for a
/// missing field or a value of the wrong type. A body without a `Content-Type` is read as JSON.
enum RequestBody {
    static func decode<T: Decodable>(_ type: T.Type, from request: Request) throws -> T {
        if let declared = request.headers.contentType, !isJSON(declared) {
            throw APIError(.unsupportedMediaType, code: "unsupported_media_type",
                           message: "the body must be JSON, sent with Content-Type: application/json")
        }
        let data = request.body.data.map { Data($0.readableBytesView) } ?? Data()
        guard (try? JSONSerialization.jsonObject(with: data)) is [String: Any] else {
            throw APIError.badRequest("invalid_json", "the body must be a JSON object")
        }
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let error as DecodingError {
            throw apiError(error)
        }
    }

    /// `application/json` or a JSON-based type such as `application/merge-patch+json`.
    static func isJSON(_ type: HTTPMediaType) -> Bool {
        type.type.lowercased() == "application" && (type.subType.lowercased() == "json" || type.subType.lowercased().hasSuffix("+json"))
    }

    static func apiError(_ error: DecodingError) -> APIError {
        switch error {
        case .keyNotFound(let key, let context):
            return .missingField(path(context.codingPath + [key]))
        case .valueNotFound(_, let context):
            return .missingField(path(context.codingPath))
        case .typeMismatch(let type, let context):
            return .invalidField(path(context.codingPath), "\(path(context.codingPath)) must be \(describe(type))")
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return .badRequest("invalid_json", "the body must be a JSON object") }
            return .invalidField(path(context.codingPath), "\(path(context.codingPath)) is not valid")
        @unknown default:
            return .badRequest("invalid_json", "the body cannot be read")
        }
    }

    private static func path(_ codingPath: [any CodingKey]) -> String {
        codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type, is Double.Type: "a number"
        case is Bool.Type: "true or false"
        default: String(describing: type).hasPrefix("Array") ? "a list" : "an object"
        }
    }
}
