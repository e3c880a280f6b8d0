import ArrearsStore
import ArrearsWorkflows
import Foundation

/// The repository's `config/` folder and the policy it ships, for store tests that set up data
/// with a daily run.
enum ShippedConfig {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let directory = packageRoot.appendingPathComponent("config").path
    static let policy = try! PolicyConfig.load(fromDirectory: directory)
}
