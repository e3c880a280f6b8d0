/// A piece of a name as written (`王`, `Li`) and as it appears in an e-mail address (`wang`, `li`).
struct NamePart {
    let written: [UInt8]
    let latin: [UInt8]

    init(_ written: String, _ latin: String) {
        self.written = Array(written.utf8)
        self.latin = Array(latin.utf8)
    }

    init(written: [UInt8], latin: [UInt8]) {
        self.written = written
        self.latin = latin
    }
}

/// Chinese personal names: a family name drawn by how common it is, then a one- or
/// two-character given name, with the pinyin used for e-mail addresses.
enum ChineseNames {
    /// Family names weighted by their approximate share (per ten thousand) of the population.
    static let surnames = WeightedTable<NamePart>([
        (NamePart("王", "wang"), 710), (NamePart("李", "li"), 700), (NamePart("张", "zhang"), 660),
        (NamePart("刘", "liu"), 540), (NamePart("陈", "chen"), 450), (NamePart("杨", "yang"), 320),
        (NamePart("黄", "huang"), 220), (NamePart("赵", "zhao"), 210), (NamePart("吴", "wu"), 200),
        (NamePart("周", "zhou"), 190), (NamePart("徐", "xu"), 130), (NamePart("孙", "sun"), 120),
        (NamePart("马", "ma"), 120), (NamePart("朱", "zhu"), 110), (NamePart("胡", "hu"), 100),
        (NamePart("郭", "guo"), 100), (NamePart("何", "he"), 90), (NamePart("高", "gao"), 90),
        (NamePart("林", "lin"), 90), (NamePart("罗", "luo"), 90), (NamePart("郑", "zheng"), 80),
        (NamePart("梁", "liang"), 80), (NamePart("谢", "xie"), 60), (NamePart("宋", "song"), 50),
        (NamePart("唐", "tang"), 50), (NamePart("许", "xu"), 50), (NamePart("韩", "han"), 50),
        (NamePart("冯", "feng"), 50), (NamePart("邓", "deng"), 50), (NamePart("曹", "cao"), 50),
        (NamePart("彭", "peng"), 40), (NamePart("曾", "zeng"), 40), (NamePart("肖", "xiao"), 40),
        (NamePart("田", "tian"), 40), (NamePart("董", "dong"), 40), (NamePart("袁", "yuan"), 30),
        (NamePart("潘", "pan"), 30), (NamePart("于", "yu"), 30), (NamePart("蒋", "jiang"), 30),
        (NamePart("蔡", "cai"), 30), (NamePart("余", "yu"), 30), (NamePart("杜", "du"), 30),
        (NamePart("叶", "ye"), 30), (NamePart("程", "cheng"), 30), (NamePart("苏", "su"), 30),
        (NamePart("魏", "wei"), 30), (NamePart("吕", "lv"), 30), (NamePart("丁", "ding"), 30),
        (NamePart("任", "ren"), 30), (NamePart("沈", "shen"), 30), (NamePart("欧阳", "ouyang"), 5),
        (NamePart("司马", "sima"), 2), (NamePart("诸葛", "zhuge"), 1),
    ])

    /// Characters common in given names.
    static let givenCharacters: [NamePart] = [
        NamePart("伟", "wei"), NamePart("芳", "fang"), NamePart("娜", "na"), NamePart("敏", "min"),
        NamePart("静", "jing"), NamePart("丽", "li"), NamePart("强", "qiang"), NamePart("磊", "lei"),
        NamePart("军", "jun"), NamePart("洋", "yang"), NamePart("勇", "yong"), NamePart("艳", "yan"),
        NamePart("杰", "jie"), NamePart("娟", "juan"), NamePart("涛", "tao"), NamePart("明", "ming"),
        NamePart("超", "chao"), NamePart("秀", "xiu"), NamePart("霞", "xia"), NamePart("平", "ping"),
        NamePart("刚", "gang"), NamePart("桂", "gui"), NamePart("英", "ying"), NamePart("华", "hua"),
        NamePart("玉", "yu"), NamePart("文", "wen"), NamePart("建", "jian"), NamePart("国", "guo"),
        NamePart("海", "hai"), NamePart("红", "hong"), NamePart("志", "zhi"), NamePart("晓", "xiao"),
        NamePart("俊", "jun"), NamePart("婷", "ting"), NamePart("雪", "xue"), NamePart("鹏", "peng"),
        NamePart("辉", "hui"), NamePart("宇", "yu"), NamePart("浩", "hao"), NamePart("欣", "xin"),
        NamePart("怡", "yi"), NamePart("佳", "jia"), NamePart("子", "zi"), NamePart("梓", "zi"),
        NamePart("涵", "han"), NamePart("思", "si"), NamePart("雨", "yu"), NamePart("泽", "ze"),
        NamePart("博", "bo"), NamePart("嘉", "jia"), NamePart("琳", "lin"), NamePart("颖", "ying"),
        NamePart("慧", "hui"), NamePart("丹", "dan"), NamePart("鑫", "xin"), NamePart("斌", "bin"),
        NamePart("凯", "kai"), NamePart("瑞", "rui"), NamePart("昊", "hao"), NamePart("睿", "rui"),
        NamePart("诗", "shi"), NamePart("梦", "meng"), NamePart("晨", "chen"), NamePart("轩", "xuan"),
        NamePart("宁", "ning"), NamePart("亮", "liang"), NamePart("春", "chun"), NamePart("秋", "qiu"),
        NamePart("云", "yun"), NamePart("飞", "fei"),
    ]

    /// A full name such as `王晓明`, and its pinyin run together (`wangxiaoming`).
    static func draw(using random: inout SampleRandom) -> NamePart {
        let surname = surnames.draw(using: &random)
        var written = surname.written, latin = surname.latin
        for _ in 0..<(random.chance(perMille: 650) ? 2 : 1) {
            let character = random.pick(givenCharacters)
            written += character.written
            latin += character.latin
        }
        return NamePart(written: written, latin: latin)
    }
}

