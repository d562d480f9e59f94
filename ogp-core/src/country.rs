//! ISO 3166-1 countries: one built-in table of every entry (alpha-2, alpha-3, English short
//! name), with the common and official names and a few usual alternatives ("Morocco",
//! "United States", "Cote d'Ivoire", "Turkey", "Czech Republic"…).
//!
//! Look-ups are linear over the 249 entries and never allocate a table.
//! Names are compared without regard to case, accents, spacing and punctuation, so
//! `"Côte d'Ivoire"`, `"cote d ivoire"` and `"COTE D'IVOIRE"` are the same name.
//!
//! ```
//! use ogp_core::country;
//!
//! assert_eq!(country::by_alpha3("MAR").map(|c| c.alpha2), Some("MA"));
//! assert_eq!(country::by_alpha2("ke").map(|c| c.alpha3), Some("KEN"));
//! assert_eq!(country::by_name("Kenya").map(|c| c.alpha2), Some("KE"));
//! assert_eq!(country::by_name("Cote d'Ivoire").map(|c| c.alpha2), Some("CI"));
//! assert_eq!(country::by_name("united states").map(|c| c.alpha2), Some("US"));
//! assert_eq!(country::find_in("Elgeyo Marakwet County, Kenya").map(|c| c.alpha2), Some("KE"));
//! assert!(country::by_name("Zedland").is_none());
//! ```

/// One entry of ISO 3166-1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Country {
    /// The two-letter code (`MA`), as a plan's `country` is written.
    pub alpha2: &'static str,
    /// The three-letter code (`MAR`), as OGP's database writes `Code`.
    pub alpha3: &'static str,
    /// The English short name of ISO 3166-1 (`Morocco`, `Korea, Republic of`).
    pub name: &'static str,
    /// Other English names it goes by: the common and official names, usual alternatives.
    pub other_names: &'static [&'static str],
}

impl Country {
    /// The short name, then every other name.
    pub fn names(&self) -> impl Iterator<Item = &'static str> {
        std::iter::once(self.name).chain(self.other_names.iter().copied())
    }
}

/// Every entry, in the order of the table (by English short name, as ISO lists them).
pub fn all() -> &'static [Country] {
    &COUNTRIES
}

/// The country whose alpha-2 code is `code` (any case, surrounding spaces ignored).
///
/// ```
/// assert_eq!(ogp_core::country::by_alpha2("MA").map(|c| c.name), Some("Morocco"));
/// assert!(ogp_core::country::by_alpha2("ZZ").is_none());
/// ```
pub fn by_alpha2(code: &str) -> Option<&'static Country> {
    let code = code.trim();
    COUNTRIES
        .iter()
        .find(|c| c.alpha2.eq_ignore_ascii_case(code))
}

/// The country whose alpha-3 code is `code` (any case, surrounding spaces ignored).
///
/// ```
/// assert_eq!(ogp_core::country::by_alpha3("ukr").map(|c| c.alpha2), Some("UA"));
/// ```
pub fn by_alpha3(code: &str) -> Option<&'static Country> {
    let code = code.trim();
    COUNTRIES
        .iter()
        .find(|c| c.alpha3.eq_ignore_ascii_case(code))
}

/// The country named `name`: its short name or any other name, compared without regard to
/// case, accents, spaces and punctuation (a leading "The" is ignored too).
///
/// ```
/// use ogp_core::country::by_name;
/// assert_eq!(by_name("Morocco").map(|c| c.alpha2), Some("MA"));
/// assert_eq!(by_name("Côte d’Ivoire").map(|c| c.alpha2), Some("CI"));
/// assert_eq!(by_name("North Macedonia").map(|c| c.alpha3), Some("MKD"));
/// assert_eq!(by_name("the Netherlands").map(|c| c.alpha2), Some("NL"));
/// assert!(by_name("Nairobi").is_none());
/// ```
pub fn by_name(name: &str) -> Option<&'static Country> {
    let wanted = key(&words(name));
    if wanted.is_empty() {
        return None;
    }
    COUNTRIES
        .iter()
        .find(|c| c.names().any(|n| key(&words(n)) == wanted))
}

/// The country whose name appears, as whole words, in `text` (a locality such as "Nairobi
/// City County, Kenya"); the longest name found wins ("Papua New Guinea" over "Guinea").
/// `None` when no name appears.
pub fn find_in(text: &str) -> Option<&'static Country> {
    let haystack = words(text);
    let mut best: Option<(usize, &'static Country)> = None;
    for country in &COUNTRIES {
        for name in country.names() {
            let needle = words(name);
            let found = !needle.is_empty()
                && haystack
                    .windows(needle.len())
                    .any(|window| window == needle.as_slice());
            if found && best.is_none_or(|(len, _)| needle.len() > len) {
                best = Some((needle.len(), country));
            }
        }
    }
    best.map(|(_, country)| country)
}

/// The words of a name: letters and digits folded to lower-case ASCII where they have an
/// accent-free form, apostrophes dropped (`d'Ivoire` → `divoire`), a leading `the` left out.
fn words(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    for c in text.chars() {
        if matches!(c, '\'' | '’' | '‘' | '`') {
            continue;
        }
        if c.is_alphanumeric() {
            for plain in fold(c) {
                current.extend(plain.to_lowercase());
            }
        } else if !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    if out.first().is_some_and(|w| w == "the") {
        out.remove(0);
    }
    out
}

fn key(words: &[String]) -> String {
    words.concat()
}

/// A Latin letter without its accent (`é` → `e`, `œ` → `oe`); other characters as they are.
pub(crate) fn fold(c: char) -> Vec<char> {
    let plain = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => 'a',
        'ç' | 'Ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => 'i',
        'ñ' | 'Ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => 'u',
        'ý' | 'ÿ' | 'Ý' => 'y',
        'œ' | 'Œ' => return vec!['o', 'e'],
        'æ' | 'Æ' => return vec!['a', 'e'],
        'ß' => return vec!['s', 's'],
        other => other,
    };
    vec![plain]
}

#[rustfmt::skip]
// Generated from ISO 3166-1 as published in Debian's iso-codes 4.15 (alpha-2, alpha-3, short
// name, common and official names), with a few common alternative names added by hand.
static COUNTRIES: [Country; 249] = [
    Country { alpha2: "AW", alpha3: "ABW", name: "Aruba", other_names: &[] },
    Country { alpha2: "AF", alpha3: "AFG", name: "Afghanistan", other_names: &["Islamic Republic of Afghanistan"] },
    Country { alpha2: "AO", alpha3: "AGO", name: "Angola", other_names: &["Republic of Angola"] },
    Country { alpha2: "AI", alpha3: "AIA", name: "Anguilla", other_names: &[] },
    Country { alpha2: "AX", alpha3: "ALA", name: "Åland Islands", other_names: &[] },
    Country { alpha2: "AL", alpha3: "ALB", name: "Albania", other_names: &["Republic of Albania"] },
    Country { alpha2: "AD", alpha3: "AND", name: "Andorra", other_names: &["Principality of Andorra"] },
    Country { alpha2: "AE", alpha3: "ARE", name: "United Arab Emirates", other_names: &[] },
    Country { alpha2: "AR", alpha3: "ARG", name: "Argentina", other_names: &["Argentine Republic"] },
    Country { alpha2: "AM", alpha3: "ARM", name: "Armenia", other_names: &["Republic of Armenia"] },
    Country { alpha2: "AS", alpha3: "ASM", name: "American Samoa", other_names: &[] },
    Country { alpha2: "AQ", alpha3: "ATA", name: "Antarctica", other_names: &[] },
    Country { alpha2: "TF", alpha3: "ATF", name: "French Southern Territories", other_names: &[] },
    Country { alpha2: "AG", alpha3: "ATG", name: "Antigua and Barbuda", other_names: &[] },
    Country { alpha2: "AU", alpha3: "AUS", name: "Australia", other_names: &[] },
    Country { alpha2: "AT", alpha3: "AUT", name: "Austria", other_names: &["Republic of Austria"] },
    Country { alpha2: "AZ", alpha3: "AZE", name: "Azerbaijan", other_names: &["Republic of Azerbaijan"] },
    Country { alpha2: "BI", alpha3: "BDI", name: "Burundi", other_names: &["Republic of Burundi"] },
    Country { alpha2: "BE", alpha3: "BEL", name: "Belgium", other_names: &["Kingdom of Belgium"] },
    Country { alpha2: "BJ", alpha3: "BEN", name: "Benin", other_names: &["Republic of Benin"] },
    Country { alpha2: "BQ", alpha3: "BES", name: "Bonaire, Sint Eustatius and Saba", other_names: &[] },
    Country { alpha2: "BF", alpha3: "BFA", name: "Burkina Faso", other_names: &[] },
    Country { alpha2: "BD", alpha3: "BGD", name: "Bangladesh", other_names: &["People's Republic of Bangladesh"] },
    Country { alpha2: "BG", alpha3: "BGR", name: "Bulgaria", other_names: &["Republic of Bulgaria"] },
    Country { alpha2: "BH", alpha3: "BHR", name: "Bahrain", other_names: &["Kingdom of Bahrain"] },
    Country { alpha2: "BS", alpha3: "BHS", name: "Bahamas", other_names: &["Commonwealth of the Bahamas", "The Bahamas"] },
    Country { alpha2: "BA", alpha3: "BIH", name: "Bosnia and Herzegovina", other_names: &["Republic of Bosnia and Herzegovina"] },
    Country { alpha2: "BL", alpha3: "BLM", name: "Saint Barthélemy", other_names: &[] },
    Country { alpha2: "BY", alpha3: "BLR", name: "Belarus", other_names: &["Republic of Belarus"] },
    Country { alpha2: "BZ", alpha3: "BLZ", name: "Belize", other_names: &[] },
    Country { alpha2: "BM", alpha3: "BMU", name: "Bermuda", other_names: &[] },
    Country { alpha2: "BO", alpha3: "BOL", name: "Bolivia, Plurinational State of", other_names: &["Bolivia", "Plurinational State of Bolivia"] },
    Country { alpha2: "BR", alpha3: "BRA", name: "Brazil", other_names: &["Federative Republic of Brazil"] },
    Country { alpha2: "BB", alpha3: "BRB", name: "Barbados", other_names: &[] },
    Country { alpha2: "BN", alpha3: "BRN", name: "Brunei Darussalam", other_names: &["Brunei"] },
    Country { alpha2: "BT", alpha3: "BTN", name: "Bhutan", other_names: &["Kingdom of Bhutan"] },
    Country { alpha2: "BV", alpha3: "BVT", name: "Bouvet Island", other_names: &[] },
    Country { alpha2: "BW", alpha3: "BWA", name: "Botswana", other_names: &["Republic of Botswana"] },
    Country { alpha2: "CF", alpha3: "CAF", name: "Central African Republic", other_names: &[] },
    Country { alpha2: "CA", alpha3: "CAN", name: "Canada", other_names: &[] },
    Country { alpha2: "CC", alpha3: "CCK", name: "Cocos (Keeling) Islands", other_names: &[] },
    Country { alpha2: "CH", alpha3: "CHE", name: "Switzerland", other_names: &["Swiss Confederation"] },
    Country { alpha2: "CL", alpha3: "CHL", name: "Chile", other_names: &["Republic of Chile"] },
    Country { alpha2: "CN", alpha3: "CHN", name: "China", other_names: &["People's Republic of China"] },
    Country { alpha2: "CI", alpha3: "CIV", name: "Côte d'Ivoire", other_names: &["Republic of Côte d'Ivoire", "Cote d'Ivoire", "Ivory Coast"] },
    Country { alpha2: "CM", alpha3: "CMR", name: "Cameroon", other_names: &["Republic of Cameroon"] },
    Country { alpha2: "CD", alpha3: "COD", name: "Congo, The Democratic Republic of the", other_names: &["Democratic Republic of the Congo", "DR Congo", "Congo (Kinshasa)"] },
    Country { alpha2: "CG", alpha3: "COG", name: "Congo", other_names: &["Republic of the Congo", "Congo (Brazzaville)"] },
    Country { alpha2: "CK", alpha3: "COK", name: "Cook Islands", other_names: &[] },
    Country { alpha2: "CO", alpha3: "COL", name: "Colombia", other_names: &["Republic of Colombia"] },
    Country { alpha2: "KM", alpha3: "COM", name: "Comoros", other_names: &["Union of the Comoros"] },
    Country { alpha2: "CV", alpha3: "CPV", name: "Cabo Verde", other_names: &["Republic of Cabo Verde", "Cape Verde"] },
    Country { alpha2: "CR", alpha3: "CRI", name: "Costa Rica", other_names: &["Republic of Costa Rica"] },
    Country { alpha2: "CU", alpha3: "CUB", name: "Cuba", other_names: &["Republic of Cuba"] },
    Country { alpha2: "CW", alpha3: "CUW", name: "Curaçao", other_names: &[] },
    Country { alpha2: "CX", alpha3: "CXR", name: "Christmas Island", other_names: &[] },
    Country { alpha2: "KY", alpha3: "CYM", name: "Cayman Islands", other_names: &[] },
    Country { alpha2: "CY", alpha3: "CYP", name: "Cyprus", other_names: &["Republic of Cyprus"] },
    Country { alpha2: "CZ", alpha3: "CZE", name: "Czechia", other_names: &["Czech Republic"] },
    Country { alpha2: "DE", alpha3: "DEU", name: "Germany", other_names: &["Federal Republic of Germany"] },
    Country { alpha2: "DJ", alpha3: "DJI", name: "Djibouti", other_names: &["Republic of Djibouti"] },
    Country { alpha2: "DM", alpha3: "DMA", name: "Dominica", other_names: &["Commonwealth of Dominica"] },
    Country { alpha2: "DK", alpha3: "DNK", name: "Denmark", other_names: &["Kingdom of Denmark"] },
    Country { alpha2: "DO", alpha3: "DOM", name: "Dominican Republic", other_names: &[] },
    Country { alpha2: "DZ", alpha3: "DZA", name: "Algeria", other_names: &["People's Democratic Republic of Algeria"] },
    Country { alpha2: "EC", alpha3: "ECU", name: "Ecuador", other_names: &["Republic of Ecuador"] },
    Country { alpha2: "EG", alpha3: "EGY", name: "Egypt", other_names: &["Arab Republic of Egypt"] },
    Country { alpha2: "ER", alpha3: "ERI", name: "Eritrea", other_names: &["the State of Eritrea"] },
    Country { alpha2: "EH", alpha3: "ESH", name: "Western Sahara", other_names: &[] },
    Country { alpha2: "ES", alpha3: "ESP", name: "Spain", other_names: &["Kingdom of Spain"] },
    Country { alpha2: "EE", alpha3: "EST", name: "Estonia", other_names: &["Republic of Estonia"] },
    Country { alpha2: "ET", alpha3: "ETH", name: "Ethiopia", other_names: &["Federal Democratic Republic of Ethiopia"] },
    Country { alpha2: "FI", alpha3: "FIN", name: "Finland", other_names: &["Republic of Finland"] },
    Country { alpha2: "FJ", alpha3: "FJI", name: "Fiji", other_names: &["Republic of Fiji"] },
    Country { alpha2: "FK", alpha3: "FLK", name: "Falkland Islands (Malvinas)", other_names: &[] },
    Country { alpha2: "FR", alpha3: "FRA", name: "France", other_names: &["French Republic"] },
    Country { alpha2: "FO", alpha3: "FRO", name: "Faroe Islands", other_names: &[] },
    Country { alpha2: "FM", alpha3: "FSM", name: "Micronesia, Federated States of", other_names: &["Federated States of Micronesia", "Micronesia"] },
    Country { alpha2: "GA", alpha3: "GAB", name: "Gabon", other_names: &["Gabonese Republic"] },
    Country { alpha2: "GB", alpha3: "GBR", name: "United Kingdom", other_names: &["United Kingdom of Great Britain and Northern Ireland", "UK", "Great Britain"] },
    Country { alpha2: "GE", alpha3: "GEO", name: "Georgia", other_names: &[] },
    Country { alpha2: "GG", alpha3: "GGY", name: "Guernsey", other_names: &[] },
    Country { alpha2: "GH", alpha3: "GHA", name: "Ghana", other_names: &["Republic of Ghana"] },
    Country { alpha2: "GI", alpha3: "GIB", name: "Gibraltar", other_names: &[] },
    Country { alpha2: "GN", alpha3: "GIN", name: "Guinea", other_names: &["Republic of Guinea"] },
    Country { alpha2: "GP", alpha3: "GLP", name: "Guadeloupe", other_names: &[] },
    Country { alpha2: "GM", alpha3: "GMB", name: "Gambia", other_names: &["Republic of the Gambia", "The Gambia"] },
    Country { alpha2: "GW", alpha3: "GNB", name: "Guinea-Bissau", other_names: &["Republic of Guinea-Bissau"] },
    Country { alpha2: "GQ", alpha3: "GNQ", name: "Equatorial Guinea", other_names: &["Republic of Equatorial Guinea"] },
    Country { alpha2: "GR", alpha3: "GRC", name: "Greece", other_names: &["Hellenic Republic"] },
    Country { alpha2: "GD", alpha3: "GRD", name: "Grenada", other_names: &[] },
    Country { alpha2: "GL", alpha3: "GRL", name: "Greenland", other_names: &[] },
    Country { alpha2: "GT", alpha3: "GTM", name: "Guatemala", other_names: &["Republic of Guatemala"] },
    Country { alpha2: "GF", alpha3: "GUF", name: "French Guiana", other_names: &[] },
    Country { alpha2: "GU", alpha3: "GUM", name: "Guam", other_names: &[] },
    Country { alpha2: "GY", alpha3: "GUY", name: "Guyana", other_names: &["Republic of Guyana"] },
    Country { alpha2: "HK", alpha3: "HKG", name: "Hong Kong", other_names: &["Hong Kong Special Administrative Region of China"] },
    Country { alpha2: "HM", alpha3: "HMD", name: "Heard Island and McDonald Islands", other_names: &[] },
    Country { alpha2: "HN", alpha3: "HND", name: "Honduras", other_names: &["Republic of Honduras"] },
    Country { alpha2: "HR", alpha3: "HRV", name: "Croatia", other_names: &["Republic of Croatia"] },
    Country { alpha2: "HT", alpha3: "HTI", name: "Haiti", other_names: &["Republic of Haiti"] },
    Country { alpha2: "HU", alpha3: "HUN", name: "Hungary", other_names: &[] },
    Country { alpha2: "ID", alpha3: "IDN", name: "Indonesia", other_names: &["Republic of Indonesia"] },
    Country { alpha2: "IM", alpha3: "IMN", name: "Isle of Man", other_names: &[] },
    Country { alpha2: "IN", alpha3: "IND", name: "India", other_names: &["Republic of India"] },
    Country { alpha2: "IO", alpha3: "IOT", name: "British Indian Ocean Territory", other_names: &[] },
    Country { alpha2: "IE", alpha3: "IRL", name: "Ireland", other_names: &[] },
    Country { alpha2: "IR", alpha3: "IRN", name: "Iran, Islamic Republic of", other_names: &["Iran", "Islamic Republic of Iran"] },
    Country { alpha2: "IQ", alpha3: "IRQ", name: "Iraq", other_names: &["Republic of Iraq"] },
    Country { alpha2: "IS", alpha3: "ISL", name: "Iceland", other_names: &["Republic of Iceland"] },
    Country { alpha2: "IL", alpha3: "ISR", name: "Israel", other_names: &["State of Israel"] },
    Country { alpha2: "IT", alpha3: "ITA", name: "Italy", other_names: &["Italian Republic"] },
    Country { alpha2: "JM", alpha3: "JAM", name: "Jamaica", other_names: &[] },
    Country { alpha2: "JE", alpha3: "JEY", name: "Jersey", other_names: &[] },
    Country { alpha2: "JO", alpha3: "JOR", name: "Jordan", other_names: &["Hashemite Kingdom of Jordan"] },
    Country { alpha2: "JP", alpha3: "JPN", name: "Japan", other_names: &[] },
    Country { alpha2: "KZ", alpha3: "KAZ", name: "Kazakhstan", other_names: &["Republic of Kazakhstan"] },
    Country { alpha2: "KE", alpha3: "KEN", name: "Kenya", other_names: &["Republic of Kenya"] },
    Country { alpha2: "KG", alpha3: "KGZ", name: "Kyrgyzstan", other_names: &["Kyrgyz Republic"] },
    Country { alpha2: "KH", alpha3: "KHM", name: "Cambodia", other_names: &["Kingdom of Cambodia"] },
    Country { alpha2: "KI", alpha3: "KIR", name: "Kiribati", other_names: &["Republic of Kiribati"] },
    Country { alpha2: "KN", alpha3: "KNA", name: "Saint Kitts and Nevis", other_names: &[] },
    Country { alpha2: "KR", alpha3: "KOR", name: "Korea, Republic of", other_names: &["South Korea", "Korea", "Republic of Korea"] },
    Country { alpha2: "KW", alpha3: "KWT", name: "Kuwait", other_names: &["State of Kuwait"] },
    Country { alpha2: "LA", alpha3: "LAO", name: "Lao People's Democratic Republic", other_names: &["Laos", "Lao PDR"] },
    Country { alpha2: "LB", alpha3: "LBN", name: "Lebanon", other_names: &["Lebanese Republic"] },
    Country { alpha2: "LR", alpha3: "LBR", name: "Liberia", other_names: &["Republic of Liberia"] },
    Country { alpha2: "LY", alpha3: "LBY", name: "Libya", other_names: &[] },
    Country { alpha2: "LC", alpha3: "LCA", name: "Saint Lucia", other_names: &[] },
    Country { alpha2: "LI", alpha3: "LIE", name: "Liechtenstein", other_names: &["Principality of Liechtenstein"] },
    Country { alpha2: "LK", alpha3: "LKA", name: "Sri Lanka", other_names: &["Democratic Socialist Republic of Sri Lanka"] },
    Country { alpha2: "LS", alpha3: "LSO", name: "Lesotho", other_names: &["Kingdom of Lesotho"] },
    Country { alpha2: "LT", alpha3: "LTU", name: "Lithuania", other_names: &["Republic of Lithuania"] },
    Country { alpha2: "LU", alpha3: "LUX", name: "Luxembourg", other_names: &["Grand Duchy of Luxembourg"] },
    Country { alpha2: "LV", alpha3: "LVA", name: "Latvia", other_names: &["Republic of Latvia"] },
    Country { alpha2: "MO", alpha3: "MAC", name: "Macao", other_names: &["Macao Special Administrative Region of China"] },
    Country { alpha2: "MF", alpha3: "MAF", name: "Saint Martin (French part)", other_names: &[] },
    Country { alpha2: "MA", alpha3: "MAR", name: "Morocco", other_names: &["Kingdom of Morocco"] },
    Country { alpha2: "MC", alpha3: "MCO", name: "Monaco", other_names: &["Principality of Monaco"] },
    Country { alpha2: "MD", alpha3: "MDA", name: "Moldova, Republic of", other_names: &["Moldova", "Republic of Moldova"] },
    Country { alpha2: "MG", alpha3: "MDG", name: "Madagascar", other_names: &["Republic of Madagascar"] },
    Country { alpha2: "MV", alpha3: "MDV", name: "Maldives", other_names: &["Republic of Maldives"] },
    Country { alpha2: "MX", alpha3: "MEX", name: "Mexico", other_names: &["United Mexican States"] },
    Country { alpha2: "MH", alpha3: "MHL", name: "Marshall Islands", other_names: &["Republic of the Marshall Islands"] },
    Country { alpha2: "MK", alpha3: "MKD", name: "North Macedonia", other_names: &["Republic of North Macedonia", "Macedonia", "Former Yugoslav Republic of Macedonia"] },
    Country { alpha2: "ML", alpha3: "MLI", name: "Mali", other_names: &["Republic of Mali"] },
    Country { alpha2: "MT", alpha3: "MLT", name: "Malta", other_names: &["Republic of Malta"] },
    Country { alpha2: "MM", alpha3: "MMR", name: "Myanmar", other_names: &["Republic of Myanmar", "Burma"] },
    Country { alpha2: "ME", alpha3: "MNE", name: "Montenegro", other_names: &[] },
    Country { alpha2: "MN", alpha3: "MNG", name: "Mongolia", other_names: &[] },
    Country { alpha2: "MP", alpha3: "MNP", name: "Northern Mariana Islands", other_names: &["Commonwealth of the Northern Mariana Islands"] },
    Country { alpha2: "MZ", alpha3: "MOZ", name: "Mozambique", other_names: &["Republic of Mozambique"] },
    Country { alpha2: "MR", alpha3: "MRT", name: "Mauritania", other_names: &["Islamic Republic of Mauritania"] },
    Country { alpha2: "MS", alpha3: "MSR", name: "Montserrat", other_names: &[] },
    Country { alpha2: "MQ", alpha3: "MTQ", name: "Martinique", other_names: &[] },
    Country { alpha2: "MU", alpha3: "MUS", name: "Mauritius", other_names: &["Republic of Mauritius"] },
    Country { alpha2: "MW", alpha3: "MWI", name: "Malawi", other_names: &["Republic of Malawi"] },
    Country { alpha2: "MY", alpha3: "MYS", name: "Malaysia", other_names: &[] },
    Country { alpha2: "YT", alpha3: "MYT", name: "Mayotte", other_names: &[] },
    Country { alpha2: "NA", alpha3: "NAM", name: "Namibia", other_names: &["Republic of Namibia"] },
    Country { alpha2: "NC", alpha3: "NCL", name: "New Caledonia", other_names: &[] },
    Country { alpha2: "NE", alpha3: "NER", name: "Niger", other_names: &["Republic of the Niger"] },
    Country { alpha2: "NF", alpha3: "NFK", name: "Norfolk Island", other_names: &[] },
    Country { alpha2: "NG", alpha3: "NGA", name: "Nigeria", other_names: &["Federal Republic of Nigeria"] },
    Country { alpha2: "NI", alpha3: "NIC", name: "Nicaragua", other_names: &["Republic of Nicaragua"] },
    Country { alpha2: "NU", alpha3: "NIU", name: "Niue", other_names: &[] },
    Country { alpha2: "NL", alpha3: "NLD", name: "Netherlands", other_names: &["Kingdom of the Netherlands", "The Netherlands", "Holland"] },
    Country { alpha2: "NO", alpha3: "NOR", name: "Norway", other_names: &["Kingdom of Norway"] },
    Country { alpha2: "NP", alpha3: "NPL", name: "Nepal", other_names: &["Federal Democratic Republic of Nepal"] },
    Country { alpha2: "NR", alpha3: "NRU", name: "Nauru", other_names: &["Republic of Nauru"] },
    Country { alpha2: "NZ", alpha3: "NZL", name: "New Zealand", other_names: &[] },
    Country { alpha2: "OM", alpha3: "OMN", name: "Oman", other_names: &["Sultanate of Oman"] },
    Country { alpha2: "PK", alpha3: "PAK", name: "Pakistan", other_names: &["Islamic Republic of Pakistan"] },
    Country { alpha2: "PA", alpha3: "PAN", name: "Panama", other_names: &["Republic of Panama"] },
    Country { alpha2: "PN", alpha3: "PCN", name: "Pitcairn", other_names: &[] },
    Country { alpha2: "PE", alpha3: "PER", name: "Peru", other_names: &["Republic of Peru"] },
    Country { alpha2: "PH", alpha3: "PHL", name: "Philippines", other_names: &["Republic of the Philippines"] },
    Country { alpha2: "PW", alpha3: "PLW", name: "Palau", other_names: &["Republic of Palau"] },
    Country { alpha2: "PG", alpha3: "PNG", name: "Papua New Guinea", other_names: &["Independent State of Papua New Guinea"] },
    Country { alpha2: "PL", alpha3: "POL", name: "Poland", other_names: &["Republic of Poland"] },
    Country { alpha2: "PR", alpha3: "PRI", name: "Puerto Rico", other_names: &[] },
    Country { alpha2: "KP", alpha3: "PRK", name: "Korea, Democratic People's Republic of", other_names: &["North Korea", "Democratic People's Republic of Korea"] },
    Country { alpha2: "PT", alpha3: "PRT", name: "Portugal", other_names: &["Portuguese Republic"] },
    Country { alpha2: "PY", alpha3: "PRY", name: "Paraguay", other_names: &["Republic of Paraguay"] },
    Country { alpha2: "PS", alpha3: "PSE", name: "Palestine, State of", other_names: &["the State of Palestine", "Palestine"] },
    Country { alpha2: "PF", alpha3: "PYF", name: "French Polynesia", other_names: &[] },
    Country { alpha2: "QA", alpha3: "QAT", name: "Qatar", other_names: &["State of Qatar"] },
    Country { alpha2: "RE", alpha3: "REU", name: "Réunion", other_names: &[] },
    Country { alpha2: "RO", alpha3: "ROU", name: "Romania", other_names: &[] },
    Country { alpha2: "RU", alpha3: "RUS", name: "Russian Federation", other_names: &["Russia"] },
    Country { alpha2: "RW", alpha3: "RWA", name: "Rwanda", other_names: &["Rwandese Republic"] },
    Country { alpha2: "SA", alpha3: "SAU", name: "Saudi Arabia", other_names: &["Kingdom of Saudi Arabia"] },
    Country { alpha2: "SD", alpha3: "SDN", name: "Sudan", other_names: &["Republic of the Sudan"] },
    Country { alpha2: "SN", alpha3: "SEN", name: "Senegal", other_names: &["Republic of Senegal"] },
    Country { alpha2: "SG", alpha3: "SGP", name: "Singapore", other_names: &["Republic of Singapore"] },
    Country { alpha2: "GS", alpha3: "SGS", name: "South Georgia and the South Sandwich Islands", other_names: &[] },
    Country { alpha2: "SH", alpha3: "SHN", name: "Saint Helena, Ascension and Tristan da Cunha", other_names: &[] },
    Country { alpha2: "SJ", alpha3: "SJM", name: "Svalbard and Jan Mayen", other_names: &[] },
    Country { alpha2: "SB", alpha3: "SLB", name: "Solomon Islands", other_names: &[] },
    Country { alpha2: "SL", alpha3: "SLE", name: "Sierra Leone", other_names: &["Republic of Sierra Leone"] },
    Country { alpha2: "SV", alpha3: "SLV", name: "El Salvador", other_names: &["Republic of El Salvador"] },
    Country { alpha2: "SM", alpha3: "SMR", name: "San Marino", other_names: &["Republic of San Marino"] },
    Country { alpha2: "SO", alpha3: "SOM", name: "Somalia", other_names: &["Federal Republic of Somalia"] },
    Country { alpha2: "PM", alpha3: "SPM", name: "Saint Pierre and Miquelon", other_names: &[] },
    Country { alpha2: "RS", alpha3: "SRB", name: "Serbia", other_names: &["Republic of Serbia"] },
    Country { alpha2: "SS", alpha3: "SSD", name: "South Sudan", other_names: &["Republic of South Sudan"] },
    Country { alpha2: "ST", alpha3: "STP", name: "Sao Tome and Principe", other_names: &["Democratic Republic of Sao Tome and Principe"] },
    Country { alpha2: "SR", alpha3: "SUR", name: "Suriname", other_names: &["Republic of Suriname"] },
    Country { alpha2: "SK", alpha3: "SVK", name: "Slovakia", other_names: &["Slovak Republic"] },
    Country { alpha2: "SI", alpha3: "SVN", name: "Slovenia", other_names: &["Republic of Slovenia"] },
    Country { alpha2: "SE", alpha3: "SWE", name: "Sweden", other_names: &["Kingdom of Sweden"] },
    Country { alpha2: "SZ", alpha3: "SWZ", name: "Eswatini", other_names: &["Kingdom of Eswatini", "Swaziland"] },
    Country { alpha2: "SX", alpha3: "SXM", name: "Sint Maarten (Dutch part)", other_names: &[] },
    Country { alpha2: "SC", alpha3: "SYC", name: "Seychelles", other_names: &["Republic of Seychelles"] },
    Country { alpha2: "SY", alpha3: "SYR", name: "Syrian Arab Republic", other_names: &["Syria"] },
    Country { alpha2: "TC", alpha3: "TCA", name: "Turks and Caicos Islands", other_names: &[] },
    Country { alpha2: "TD", alpha3: "TCD", name: "Chad", other_names: &["Republic of Chad"] },
    Country { alpha2: "TG", alpha3: "TGO", name: "Togo", other_names: &["Togolese Republic"] },
    Country { alpha2: "TH", alpha3: "THA", name: "Thailand", other_names: &["Kingdom of Thailand"] },
    Country { alpha2: "TJ", alpha3: "TJK", name: "Tajikistan", other_names: &["Republic of Tajikistan"] },
    Country { alpha2: "TK", alpha3: "TKL", name: "Tokelau", other_names: &[] },
    Country { alpha2: "TM", alpha3: "TKM", name: "Turkmenistan", other_names: &[] },
    Country { alpha2: "TL", alpha3: "TLS", name: "Timor-Leste", other_names: &["Democratic Republic of Timor-Leste", "East Timor"] },
    Country { alpha2: "TO", alpha3: "TON", name: "Tonga", other_names: &["Kingdom of Tonga"] },
    Country { alpha2: "TT", alpha3: "TTO", name: "Trinidad and Tobago", other_names: &["Republic of Trinidad and Tobago"] },
    Country { alpha2: "TN", alpha3: "TUN", name: "Tunisia", other_names: &["Republic of Tunisia"] },
    Country { alpha2: "TR", alpha3: "TUR", name: "Türkiye", other_names: &["Republic of Türkiye", "Turkey"] },
    Country { alpha2: "TV", alpha3: "TUV", name: "Tuvalu", other_names: &[] },
    Country { alpha2: "TW", alpha3: "TWN", name: "Taiwan, Province of China", other_names: &["Taiwan"] },
    Country { alpha2: "TZ", alpha3: "TZA", name: "Tanzania, United Republic of", other_names: &["Tanzania", "United Republic of Tanzania"] },
    Country { alpha2: "UG", alpha3: "UGA", name: "Uganda", other_names: &["Republic of Uganda"] },
    Country { alpha2: "UA", alpha3: "UKR", name: "Ukraine", other_names: &[] },
    Country { alpha2: "UM", alpha3: "UMI", name: "United States Minor Outlying Islands", other_names: &[] },
    Country { alpha2: "UY", alpha3: "URY", name: "Uruguay", other_names: &["Eastern Republic of Uruguay"] },
    Country { alpha2: "US", alpha3: "USA", name: "United States", other_names: &["United States of America", "USA"] },
    Country { alpha2: "UZ", alpha3: "UZB", name: "Uzbekistan", other_names: &["Republic of Uzbekistan"] },
    Country { alpha2: "VA", alpha3: "VAT", name: "Holy See (Vatican City State)", other_names: &["Vatican", "Holy See"] },
    Country { alpha2: "VC", alpha3: "VCT", name: "Saint Vincent and the Grenadines", other_names: &[] },
    Country { alpha2: "VE", alpha3: "VEN", name: "Venezuela, Bolivarian Republic of", other_names: &["Venezuela", "Bolivarian Republic of Venezuela"] },
    Country { alpha2: "VG", alpha3: "VGB", name: "Virgin Islands, British", other_names: &["British Virgin Islands"] },
    Country { alpha2: "VI", alpha3: "VIR", name: "Virgin Islands, U.S.", other_names: &["Virgin Islands of the United States"] },
    Country { alpha2: "VN", alpha3: "VNM", name: "Viet Nam", other_names: &["Vietnam", "Socialist Republic of Viet Nam"] },
    Country { alpha2: "VU", alpha3: "VUT", name: "Vanuatu", other_names: &["Republic of Vanuatu"] },
    Country { alpha2: "WF", alpha3: "WLF", name: "Wallis and Futuna", other_names: &[] },
    Country { alpha2: "WS", alpha3: "WSM", name: "Samoa", other_names: &["Independent State of Samoa"] },
    Country { alpha2: "YE", alpha3: "YEM", name: "Yemen", other_names: &["Republic of Yemen"] },
    Country { alpha2: "ZA", alpha3: "ZAF", name: "South Africa", other_names: &["Republic of South Africa"] },
    Country { alpha2: "ZM", alpha3: "ZMB", name: "Zambia", other_names: &["Republic of Zambia"] },
    Country { alpha2: "ZW", alpha3: "ZWE", name: "Zimbabwe", other_names: &["Republic of Zimbabwe"] },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_iso_3166_1() {
        assert_eq!(all().len(), 249);
        for c in all() {
            assert_eq!(c.alpha2.len(), 2, "{c:?}");
            assert_eq!(c.alpha3.len(), 3, "{c:?}");
            assert_eq!(by_alpha2(c.alpha2), Some(c));
            assert_eq!(by_alpha3(c.alpha3), Some(c));
            assert_eq!(by_name(c.name), Some(c), "{}", c.name);
        }
    }

    #[test]
    fn alternative_names_are_found() {
        for (name, alpha2) in [
            ("Kenya", "KE"),
            ("United States", "US"),
            ("côte d'ivoire", "CI"),
            ("Cote d'Ivoire", "CI"),
            ("North Macedonia", "MK"),
            ("Turkey", "TR"),
            ("Indonesia", "ID"),
            ("Ukraine", "UA"),
            ("South Korea", "KR"),
        ] {
            assert_eq!(by_name(name).map(|c| c.alpha2), Some(alpha2), "{name}");
        }
    }

    #[test]
    fn names_inside_a_locality() {
        assert_eq!(find_in("Papua New Guinea").map(|c| c.alpha2), Some("PG"));
        assert_eq!(
            find_in("Kaduna State, Nigeria").map(|c| c.alpha2),
            Some("NG")
        );
        assert_eq!(find_in("Makueni County").map(|c| c.alpha2), None);
    }
}
