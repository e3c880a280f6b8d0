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

    /// Refuses an unknown key, a section that is not a mapping, and a place without both degrees
    /// in range, each at its line.
    public static func parse(_ text: String, file: String) throws -> VisitPlaces {
        let root = ConfigFields(try ConfigYAML.compose(text, file: file), file: file)
        try root.only(["centroids", "start_points"])
        func points(_ key: String) throws -> [String: GeoPoint] {
            guard let section = try root.section(key) else { return [:] }
            var points: [String: GeoPoint] = [:]
            for name in section.keys {
                guard let place = try section.section(name, named: "\(key).\(name)") else {
                    throw section.fail(name, "\(name) needs latitude (-90 to 90) and longitude (-180 to 180)")
                }
                try place.only(["latitude", "longitude"])
                let point = GeoPoint(latitude: try place.required("latitude", place.number("latitude", atLeast: -90)),
                                     longitude: try place.required("longitude", place.number("longitude", atLeast: -180)))
                guard point.isValid else { throw place.fail(nil, "latitude must be -90 to 90 and longitude -180 to 180") }
                points[name] = point
            }
            return points
        }
        return VisitPlaces(centroids: try points("centroids"), startPoints: try points("start_points"))
    }
}
