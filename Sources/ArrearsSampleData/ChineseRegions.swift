/// Where mainland customers live: provinces and municipalities weighted roughly by their share
/// of retail credit, with real cities, districts and the districts' six-digit administrative
/// codes (the first six digits of a resident identity number).
enum ChineseRegions {
    struct District {
        let name: [UInt8]
        let code: Int
    }

    struct City {
        let name: [UInt8]
        let districts: [District]
    }

    struct Region {
        /// The `region` column: the province or municipality without its suffix (`广东`, `上海`).
        let name: [UInt8]
        let cities: [City]
    }

    /// A drawn home: the region, and a district of one of its cities.
    struct Home {
        let region: Region
        let city: City
        let district: District
    }

    static let regions = WeightedTable<Region>([
        (region("上海", [city("上海市", [("浦东新区", 310115), ("徐汇区", 310104), ("静安区", 310106), ("黄浦区", 310101), ("闵行区", 310112), ("杨浦区", 310110)])]), 10),
        (region("北京", [city("北京市", [("朝阳区", 110105), ("海淀区", 110108), ("东城区", 110101), ("西城区", 110102), ("丰台区", 110106)])]), 8),
        (region("广东", [
            city("广州市", [("天河区", 440106), ("越秀区", 440104), ("海珠区", 440105)]),
            city("深圳市", [("南山区", 440305), ("福田区", 440304), ("宝安区", 440306)]),
            city("佛山市", [("禅城区", 440604), ("南海区", 440605)]),
        ]), 14),
        (region("浙江", [
            city("杭州市", [("西湖区", 330106), ("上城区", 330102), ("滨江区", 330108)]),
            city("宁波市", [("鄞州区", 330212), ("海曙区", 330203)]),
            city("温州市", [("鹿城区", 330302)]),
        ]), 9),
        (region("江苏", [
            city("南京市", [("鼓楼区", 320106), ("玄武区", 320102)]),
            city("苏州市", [("姑苏区", 320508), ("吴中区", 320506)]),
            city("无锡市", [("梁溪区", 320213)]),
        ]), 10),
        (region("四川", [city("成都市", [("武侯区", 510107), ("锦江区", 510104), ("青羊区", 510105)]), city("绵阳市", [("涪城区", 510703)])]), 7),
        (region("山东", [city("济南市", [("历下区", 370102)]), city("青岛市", [("市南区", 370202), ("崂山区", 370212)])]), 8),
        (region("河南", [city("郑州市", [("金水区", 410105), ("二七区", 410103)]), city("洛阳市", [("西工区", 410303)])]), 6),
        (region("湖北", [city("武汉市", [("武昌区", 420106), ("洪山区", 420111), ("江汉区", 420103)])]), 6),
        (region("福建", [city("福州市", [("鼓楼区", 350102)]), city("厦门市", [("思明区", 350203), ("湖里区", 350206)])]), 5),
        (region("湖南", [city("长沙市", [("岳麓区", 430104), ("芙蓉区", 430102)])]), 5),
        (region("重庆", [city("重庆市", [("渝中区", 500103), ("江北区", 500105)])]), 4),
        (region("天津", [city("天津市", [("和平区", 120101), ("南开区", 120104)])]), 3),
        (region("陕西", [city("西安市", [("雁塔区", 610113), ("碑林区", 610103)])]), 3),
    ])

    /// Street names found in most Chinese cities.
    static let streets = [
        "人民路", "解放路", "中山路", "建设路", "和平路", "新华路", "朝阳路", "长江路", "黄河路",
        "文化路", "迎宾大道", "科技路", "学院路", "滨江大道", "世纪大道", "光明街", "青年路", "花园路",
    ].map { Array($0.utf8) }

    static func drawHome(using random: inout SampleRandom) -> Home {
        let region = regions.draw(using: &random)
        let city = random.pick(region.cities)
        return Home(region: region, city: city, district: random.pick(city.districts))
    }

    /// A street address in `home`, such as `深圳市南山区科技路88号3栋1502室`.
    static func address(in home: Home, using random: inout SampleRandom) -> [UInt8] {
        var text = home.city.name + home.district.name + random.pick(streets)
        text.appendDecimal(random.int(in: 1...999))
        text.appendText("号")
        text.appendDecimal(random.int(in: 1...30))
        text.appendText("栋")
        text.appendDecimal(random.int(in: 1...32))
        text.appendDecimal(random.int(in: 1...4), width: 2)
        text.appendText("室")
        return text
    }

    private static func region(_ name: String, _ cities: [City]) -> Region {
        Region(name: Array(name.utf8), cities: cities)
    }

    private static func city(_ name: String, _ districts: [(String, Int)]) -> City {
        City(name: Array(name.utf8), districts: districts.map { District(name: Array($0.0.utf8), code: $0.1) })
    }
}
