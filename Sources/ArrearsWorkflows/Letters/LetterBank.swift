import ArrearsCore
import Foundation

/// The bank's details printed on its letters in one language (`config/letters/bank.yaml`): the
/// sender's name, address and telephone, and the account the customer pays into.
///
/// ```yaml
/// zh-CN:
///   name: 示例商业银行股份有限公司 信用卡与个人贷款催收中心
///   address: 上海市浦东新区陆家嘴环路 1000 号
///   phone: "95500"
///   payment_account: 户名：…；账号：…
/// en: { name: …, address: …, phone: …, payment_account: … }
/// ```
public struct LetterBank: Sendable, Equatable {
    public static let fileName = "bank.yaml"

    public let name: String
    public let address: String
    public let phone: String
    public let paymentAccount: String

    public init(name: String, address: String, phone: String, paymentAccount: String) {
        self.name = name
        self.address = address
        self.phone = phone
        self.paymentAccount = paymentAccount
    }

    /// The details of every language in `directory/bank.yaml`; a missing file, an unknown
    /// language or key, an empty field or a language of `languages` without details is a
    /// `ConfigError` naming the file and the line.
    public static func load(fromDirectory directory: String, languages: [Language]) throws(ConfigError) -> [Language: LetterBank] {
        let path = (directory as NSString).appendingPathComponent(fileName)
        let fields = ConfigFields(try ConfigYAML.compose(try ConfigYAML.read(path), file: path), file: path)
        try fields.only(Language.allCases.map(\.rawValue))
        var banks: [Language: LetterBank] = [:]
        for language in Language.allCases {
            guard let bank = try fields.section(language.rawValue) else { continue }
            try bank.only(["name", "address", "phone", "payment_account"])
            func need(_ key: String) throws(ConfigError) -> String {
                let value = try bank.required(key, try bank.string(key))
                guard !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw bank.fail(key, "\(key) must not be empty") }
                return value
            }
            banks[language] = LetterBank(name: try need("name"), address: try need("address"), phone: try need("phone"),
                                         paymentAccount: try need("payment_account"))
        }
        if let missing = languages.first(where: { banks[$0] == nil }) {
            throw ConfigError(file: path, line: nil, message: "no bank details for \(missing.rawValue)")
        }
        return banks
    }

    /// The letter fields this fills: `bank_name`, `bank_address`, `bank_phone`, `bank_payment_account`.
    public var fields: [String: String] {
        ["bank_name": name, "bank_address": address, "bank_phone": phone, "bank_payment_account": paymentAccount]
    }
}
