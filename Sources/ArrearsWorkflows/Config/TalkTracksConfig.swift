import ArrearsCore
import ArrearsStore
import Foundation

/// What a collector says on a case (issue 25: a talk track beside the action panel): a track per
/// segment in the tone seed 004 gives it (prime gentle, standard firm, high-risk lawful pressure)
/// and a track per situation the case may be in (a hardship claim, a dispute, a broken promise, a
/// plan being kept), each with a title and text in every language.
public struct TalkTracks: Sendable, Equatable {
    public struct Track: Sendable, Equatable {
        public let title: [Language: String]
        public let say: [Language: String]
    }

    /// The situations a case page recognises, in the order their tracks are shown.
    public enum Situation: String, CaseIterable, Sendable {
        case hardship, dispute
        case brokenPromise = "broken_promise"
        case pendingPromise = "pending_promise"
        case onPlan = "on_plan"
    }

    /// Segment (`prime`, `standard`, `high_risk`) → its track.
    public var segments: [String: Track] = [:]
    public var situations: [Situation: Track] = [:]

    public init(segments: [String: Track] = [:], situations: [Situation: Track] = [:]) {
        self.segments = segments
        self.situations = situations
    }
}

/// Reads `talk_tracks.yaml` (none when there is no such file):
///
/// ```yaml
/// segments:
///   prime:
///     title: { en: Gentle, zh-CN: 温和提醒 }
///     say: { en: "...", zh-CN: "..." }
/// situations:
///   hardship:
///     title: { en: Hardship claimed, zh-CN: 客户称经济困难 }
///     say: { en: "...", zh-CN: "..." }
/// ```
public enum TalkTracksConfig {
    public static let fileName = "talk_tracks.yaml"

    public static func load(fromDirectory directory: String) throws -> TalkTracks {
        guard let file = try ConfigYAML.read(fileName, inDirectory: directory) else { return TalkTracks() }
        return try parse(file.text, file: file.path)
    }

    public static func parse(_ text: String, file: String) throws(ConfigError) -> TalkTracks {
        guard let root = try ConfigYAML.compose(text, file: file) else { return TalkTracks() }
        let fields = ConfigFields(root, file: file)
        try fields.only(["segments", "situations"])
        var tracks = TalkTracks()
        if let segments = try fields.section("segments") {
            for name in segments.keys {
                guard Segment(rawValue: name) != nil else {
                    throw segments.fail(name, "unknown segment '\(name)' (expected \(ConfigFields.expected(Segment.self)))")
                }
                tracks.segments[name] = try track(segments, name)
            }
        }
        if let situations = try fields.section("situations") {
            for name in situations.keys {
                guard let situation = TalkTracks.Situation(rawValue: name) else {
                    throw situations.fail(name, "unknown situation '\(name)' (expected \(ConfigFields.expected(TalkTracks.Situation.self)))")
                }
                tracks.situations[situation] = try track(situations, name)
            }
        }
        return tracks
    }

    /// The track under `name`: a title and the text, each in every language.
    private static func track(_ parent: ConfigFields, _ name: String) throws(ConfigError) -> TalkTracks.Track {
        guard let fields = try parent.section(name, named: name) else { throw parent.fail(name, "\(name) needs a title and say") }
        try fields.only(["title", "say"])
        let title = try fields.required("title", fields.texts("title"))
        let say = try fields.required("say", fields.texts("say"))
        for language in Language.allCases where title[language] == nil || say[language] == nil {
            throw fields.fail("say", "\(name) needs its title and say in \(language.rawValue)")
        }
        return TalkTracks.Track(title: title, say: say)
    }
}
