import ArrearsCore

/// The policy pack's rules and the contact channels in the page's language. A pack describes its
/// rules in English (`config/policies/*.yaml`); a Chinese page shows the words here, found by the
/// rule's id (`rule_<id>` in the words table), and the pack's own description where there are none.
enum PolicyWords {
    /// How `rule` reads in `words`' language: its words, the pack's description, or its id.
    static func rule(_ rule: String, pack: PolicyPack?, words: [String: String]) -> String {
        words["rule_" + rule] ?? pack?.rule(rule)?.description ?? rule
    }

    /// How the channel `code` (`call`, `sms`, …) reads in `words`' language, or the code itself.
    static func channel(_ code: String, words: [String: String]) -> String {
        words["ch_" + code] ?? code
    }

    /// Why a contact is refused, in the page's language: in English the pack's reason as it is;
    /// otherwise the rule's words (the reason's figures, such as the customer's time, are on the
    /// page beside it).
    static func refusal(rule: String?, reason: String?, pack: PolicyPack?, words: [String: String], language: Language) -> String {
        guard language != .en, let rule, words["rule_" + rule] != nil else { return reason ?? rule ?? "" }
        return Self.rule(rule, pack: pack, words: words)
    }

    static let english: [String: String] = [
        "ch_call": "Call", "ch_sms": "SMS", "ch_email": "E-mail", "ch_visit": "Field visit", "ch_letter": "Letter",
        "rule_universal.evaluable": "A fact the rules need is missing (the customer's time zone, contact point, name or address), so the action is blocked",
    ]

    static let chinese: [String: String] = [
        "ch_call": "电话", "ch_sms": "短信", "ch_email": "电子邮件", "ch_visit": "外访", "ch_letter": "信函",
        "rule_cn.quiet-hours": "客户当地时间 22:00 至次日 08:00 不得致电、发送信息或外访，客户同意的时间除外",
        "rule_cn.call-attempts-per-contact-point": "同一联系方式每日拨打不超过 6 次，所有催收员和外包机构合并计算",
        "rule_cn.connected-calls-per-customer": "每日与同一客户接通的电话不超过 3 次，所有催收员和外包机构合并计算",
        "rule_cn.third-parties": "仅在无法联系客户时方可联系第三方；仅在客户失联、死亡或丧失行为能力时方可联系紧急联系人；不得透露债务",
        "rule_cn.field-visits": "外访须由至少两名出示证件的催收员进行，时间须与事先已获通知的客户约定，并全程记录",
        "rule_cn.record-retention": "录音和催收记录至少保存 2 年",
        "rule_cn.letter-content": "催收函须载明姓名和欠款金额、催收原因和法律依据、权利义务、核实和异议途径、联系方式，并加盖银行印章",
        "rule_universal.do-not-contact": "客户要求不再联系或停止沟通后，不得再联系",
        "rule_universal.evaluable": "缺少规则判断所需的信息（客户时区、联系方式、姓名或地址），因此不予执行",
        "rule_universal.dispute": "债务异议未核实完毕前，暂停催收",
        "rule_universal.unusable-contact-point": "经核实有误或联系到他人的号码、地址不得再次使用",
        "rule_cn.accepted-channels": "客户拒绝联系或要求停止联系后，仅可通过其同意的渠道联系",
        "rule_universal.bankruptcy": "不得向破产客户催收；债权通过破产程序申报",
        "rule_universal.deceased": "不得与已故客户进行催收联系；遗产事宜由法务团队处理",
        "rule_universal.incapacitated": "不得与无能力处理债务的客户进行催收联系",
        "rule_universal.vulnerable": "不得外访弱势客户，也不得就其联系第三方",
        "rule_universal.complaint": "投诉处理期间，不得致电、外访、联系第三方或采取法律步骤",
        "rule_universal.holiday": "客户所在地法定节假日不得进行催收联系",
        "rule_universal.preferred-channel": "尊重客户自己选择的联系渠道",
        "rule_universal.preferred-hours": "尊重客户自己选择的联系时间",
        "rule_us-reg-f.inconvenient-time": "当地时间 08:00 前或 21:00 后不得联系，消费者同意的时间除外",
        "rule_us-reg-f.seven-in-seven": "连续 7 天内拨打不超过 7 次，未接通的电话也计入",
        "rule_us-reg-f.after-conversation": "通话后 7 天内不得再致电，通话当日为第 1 天",
        "rule_us-reg-f.opt-out": "每封电子邮件和每条短信都须告知消费者如何退订",
        "rule_us-reg-f.time-barred": "已过诉讼时效的债务不得起诉，也不得以起诉相威胁",
        "rule_uk-fca.contact-hours": "仅在当地时间 08:00 至 21:00 之间联系，客户同意的时间除外",
        "rule_uk-fca.breathing-space": "60 天喘息期内不得就债务联系客户，利息和费用冻结",
        "rule_uk-fca.vulnerable-visit": "不得外访被标记为弱势的客户",
        "rule_uk-fca.forbearance-first": "升级为外访或法律行动前，须先提供宽限方案（还款计划、延期、减少还款额）",
        "rule_legal.bankruptcy": "客户已破产：法律行动停止，案件只能结案并注明原因",
        "rule_legal.deceased": "客户已故：法律行动停止，案件只能结案并注明原因",
        "rule_legal.dispute": "客户对债务提出异议：异议期间法律行动暂停",
        "rule_legal.complaint": "客户投诉处理中：投诉期间法律行动暂停",
        "rule_legal.breathing_space": "客户处于喘息期：喘息期间法律行动暂停",
        "rule_legal.time_barred": "债务已过诉讼时效：不得起诉，也不得发送以起诉相威胁的催收函；案件只能审查和结案",
        "rule_legal.pay_by": "催收函给予客户的还款期限届满前不得起诉",
        "rule_legal.minimum_days": "案件须在每个阶段停留最少天数后方可进入下一阶段",
    ]
}
