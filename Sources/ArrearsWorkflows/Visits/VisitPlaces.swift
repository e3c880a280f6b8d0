import ArrearsCore
import ArrearsStore
import Foundation
import Yams

/// The places field visits are planned from, read from `config/regions.yaml`: the centre of each
/// customer region (a visit dispatched without coordinates is placed there) and each field
/// team's start point (where its day's route begins).
///
/// ```yaml
/// centroids:
///   上海: { latitude: 31.2304, longitude: 121.4737 }
/// start_points:
///   f-shanghai: { latitude: 31.2397, longitude: 121.4998 }
/// ```
public struct VisitPlaces: Sendable, Equatable {
    public static let fileName = "regions.yaml"

    public var centroids: [String: GeoPoint]
    public var startPoints: [String: GeoPoint]

    public init(centroids: [String: GeoPoint] = [:], startPoints: [String: GeoPoint] = [:]) {
        self.centroids = centroids
        self.startPoints = startPoints
    }

    /// The file in `directory`, or no places when there is none.
    public static func load(fromDirectory directory: String) throws -> VisitPlaces {
        guard let file = try ConfigYAML.read(fileName, inDirectory: directory) else { return VisitPlaces() }
        return try parse(file.text, file: file.path)
    }

    public static func parse(_ text: String, file: String) throws -> VisitPlaces {
        let root = try ConfigYAML.compose(text, file: file)
        func points(_ key: String) throws -> [String: GeoPoint] {
            guard let mapping = root?.mapping?[key]?.mapping else { return [:] }
            var points: [String: GeoPoint] = [:]
            for (name, node) in mapping {
                guard let name = name.string, let latitude = node.mapping?["latitude"]?.float, let longitude = node.mapping?["longitude"]?.float,
                      GeoPoint(latitude: latitude, longitude: longitude).isValid else {
                    throw ConfigError(file: file, line: node.line, message: "\(key): each place needs latitude (-90 to 90) and longitude (-180 to 180)")
                }
                points[name] = GeoPoint(latitude: latitude, longitude: longitude)
            }
            return points
        }
        return VisitPlaces(centroids: try points("centroids"), startPoints: try points("start_points"))
    }
}
