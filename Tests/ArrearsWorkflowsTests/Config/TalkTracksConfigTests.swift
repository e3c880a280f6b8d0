import ArrearsCore
import ArrearsWorkflows
import XCTest

/// `config/talk_tracks.yaml`: a track for every segment and situation in both languages, and a
/// file that misses a language or names an unknown segment refused with its line.
final class TalkTracksConfigTests: XCTestCase {
    func testTheShippedTracksCoverEverySegmentAndSituationInBothLanguages() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let tracks = try TalkTracksConfig.load(fromDirectory: root.appendingPathComponent("config").path)
        XCTAssertEqual(Set(tracks.segments.keys), Set(Segment.allCases.map(\.rawValue)))
        XCTAssertEqual(Set(tracks.situations.keys), Set(TalkTracks.Situation.allCases))
        for track in Array(tracks.segments.values) + Array(tracks.situations.values) {
            for language in Language.allCases {
                XCTAssertFalse(track.say[language]?.isEmpty ?? true, "\(track.title) in \(language.rawValue)")
            }
        }
        XCTAssertTrue(tracks.situations[.hardship]?.say[.en]?.contains("affordable") ?? false, "what to say to a hardship claim")
    }

    func testAMissingLanguageIsRefusedNamingTheTrack() {
        XCTAssertThrowsError(try TalkTracksConfig.parse("""
            segments:
              prime:
                title: { en: Gentle, zh-CN: 温和 }
                say: { en: "Thank you for taking the call." }
            """, file: "t.yaml")) { error in
            XCTAssertTrue("\(error)".contains("prime") && "\(error)".contains("zh-CN"), "\(error)")
        }
    }

    func testAnUnknownSegmentIsRefusedWithItsLine() {
        XCTAssertThrowsError(try TalkTracksConfig.parse("""
            segments:
              gold:
                title: { en: Gold, zh-CN: 金 }
                say: { en: Hello, zh-CN: 你好 }
            """, file: "t.yaml")) { error in
            XCTAssertTrue("\(error)".contains("gold") && "\(error)".contains("t.yaml"), "\(error)")
        }
    }
}
