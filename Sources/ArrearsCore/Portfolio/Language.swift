/// The language a customer is written to in, and the language of the pages.
public enum Language: String, CaseIterable, Sendable, Codable {
    case zhCN = "zh-CN"
    case en = "en"

    public static let `default` = Language.zhCN
}
