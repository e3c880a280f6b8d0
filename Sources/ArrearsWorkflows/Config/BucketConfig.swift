import ArrearsCore
import ArrearsStore
import Foundation
import Yams

/// Reads the delinquency buckets from `buckets.yaml`:
///
/// ```yaml
/// buckets:
///   - { name: current, min_dpd: 0, max_dpd: 0 }
///   - { name: "1-15", min_dpd: 1, max_dpd: 15 }
///   - { name: "181+", min_dpd: 181 }        # the last is open-ended
/// ```
public enum BucketConfig {
    public static let fileName = "buckets.yaml"

    /// The scheme in `directory/buckets.yaml`, or the standard one when there is no such file.
    public static func load(fromDirectory directory: String) throws -> BucketScheme {
        guard let file = try ConfigYAML.read(fileName, inDirectory: directory) else { return .standard }
        return try parse(file.text, file: file.path)
    }

    public static func parse(_ text: String, file: String) throws -> BucketScheme {
        let root = try ConfigYAML.compose(text, file: file)
        guard let list = root?.mapping?["buckets"]?.sequence else {
            throw ConfigError(file: file, line: root?.line, message: "needs a list under 'buckets:'")
        }
        var buckets: [Bucket] = []
        var lines: [String: Int] = [:]
        for node in list {
            let line = node.line
            guard node.mapping != nil else { throw ConfigError(file: file, line: line, message: "each bucket needs name, min_dpd and (except the last) max_dpd") }
            try ConfigFields(node, file: file).only(["name", "min_dpd", "max_dpd"])
            guard let name = node.mapping?["name"]?.string, !name.isEmpty else {
                throw ConfigError(file: file, line: line, message: "bucket has no name")
            }
            let bucket = ConfigFields(node, file: file, path: "bucket '\(name)'")
            let min = try bucket.required("min_dpd", bucket.int("min_dpd", atLeast: 0))
            let max = try bucket.int("max_dpd")
            buckets.append(Bucket(name: name, minDays: min, maxDays: max))
            if lines[name] == nil { lines[name] = line }
        }
        do {
            return try BucketScheme(buckets)
        } catch {
            throw ConfigError(file: file, line: lines[error.bucketName ?? ""], message: error.description)
        }
    }
}

private extension BucketSchemeError {
    /// The bucket whose line the error should point at.
    var bucketName: String? {
        switch self {
        case .empty, .emptyName: nil
        case .mustStartAtZero(let name), .duplicateName(let name), .emptyRange(let name),
             .lastMustBeOpenEnded(let name), .onlyLastMayBeOpenEnded(let name): name
        case .overlap(_, let second): second
        case .gap(_, let before): before
        }
    }
}
