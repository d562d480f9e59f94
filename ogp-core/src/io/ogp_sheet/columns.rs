//! Headings → fields: what each column of the sheet means, and the published layout.

use crate::OgpValue;

/// What a known heading means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Field {
    // The plan.
    Ident,
    Country,
    Code,
    Region,
    Level,
    PlanNumber,
    PlanId,
    SubmissionYear,
    EndYear,
    Duration,
    Cycle,
    // The commitment.
    Number,
    Title,
    ShortTitle,
    FullText,
    Theme,
    Url,
    Start,
    End,
    Lead,
    Supporting,
    /// A column of policy areas written as `;`- or `,`-separated tags (older exports).
    PolicyAreaTags,
    /// One policy-area column of the published layout: its index in [`POLICY_AREAS`].
    PolicyArea(usize),
    Value(OgpValue),
    // The IRM.
    Specificity,
    PotentialImpact,
    CompletionProgress,
    CompletionEnd,
    ProgressReportYear,
    EndOfTermReportYear,
    DidItOpen,
    DidItOpenAccess,
    DidItOpenCivic,
    DidItOpenAccountability,
    EarlyResults,
    PotentialForResults,
    Verifiable,
    Lens,
    Promising,
    StarredMidterm,
    StarredEnd,
}

/// A heading without case, spaces or punctuation (`_` is kept: `_Specificity` is the coding
/// of `Specificity`, not the same column).
pub(crate) fn norm(heading: &str) -> String {
    heading
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == '_')
        .flat_map(char::to_lowercase)
        .collect()
}

/// The field a heading names, if the importer maps it.
pub(crate) fn field(heading: &str) -> Option<Field> {
    let h = norm(heading);
    if let Some(rest) = h.strip_prefix("ogpvalue") {
        return ogp_value(rest).map(Field::Value);
    }
    if let Some(index) = POLICY_AREAS.iter().position(|area| norm(area) == h) {
        return Some(Field::PolicyArea(index));
    }
    plan_field(&h)
        .or_else(|| commitment_field(&h))
        .or_else(|| irm_field(&h))
}

fn ogp_value(rest: &str) -> Option<OgpValue> {
    Some(if rest.contains("technology") {
        OgpValue::TechnologyAndInnovation
    } else if rest.contains("access") {
        OgpValue::AccessToInformation
    } else if rest.contains("civic") || rest.contains("participation") {
        OgpValue::CivicParticipation
    } else if rest.contains("accountability") {
        OgpValue::PublicAccountability
    } else if rest.contains("inclusion") {
        OgpValue::Inclusion
    } else {
        return None;
    })
}

fn plan_field(h: &str) -> Option<Field> {
    Some(match h {
        "commitmentuniqueidentifier" | "uniqueidentifier" => Field::Ident,
        "countrylocality" | "country" | "countryorlocality" => Field::Country,
        "code" | "countrycode" | "isocode" | "iso" => Field::Code,
        "region" => Field::Region,
        "nationalorlocal" | "nationallocal" | "level" => Field::Level,
        "actionplannumber" => Field::PlanNumber,
        "actionplanid" => Field::PlanId,
        "yearofsubmission" => Field::SubmissionYear,
        "actionplanendyear" => Field::EndYear,
        "actionplandurationyears" | "actionplanduration" => Field::Duration,
        "actionplancycle" | "actionplan" | "actionplanyears" => Field::Cycle,
        _ => return None,
    })
}

fn commitment_field(h: &str) -> Option<Field> {
    Some(match h {
        "commitmentnumber" => Field::Number,
        "commitmenttitle" | "title" => Field::Title,
        "shorttitle" => Field::ShortTitle,
        "fulltext" => Field::FullText,
        "theme" => Field::Theme,
        "url" => Field::Url,
        "startdate" => Field::Start,
        "enddate" => Field::End,
        "leadinstitution" | "leadinstitutions" => Field::Lead,
        "supportinginstitutions" | "supportinginstitution" => Field::Supporting,
        "policyarea" | "policyareas" => Field::PolicyAreaTags,
        _ => return None,
    })
}

fn irm_field(h: &str) -> Option<Field> {
    Some(match h {
        "specificity" => Field::Specificity,
        "potentialimpact" => Field::PotentialImpact,
        "completionprogressreport" | "completionmidterm" => Field::CompletionProgress,
        "completionendofterm" | "completion" | "completionimplementationresults" => {
            Field::CompletionEnd
        }
        "reportpublicationyearprogressreport" => Field::ProgressReportYear,
        "reportpublicationyearendofterm" => Field::EndOfTermReportYear,
        "diditopengovernmentoverall" | "diditopengovernment" => Field::DidItOpen,
        "diditopengovernmentaccesstoinformation" => Field::DidItOpenAccess,
        "diditopengovernmentcivicparticipation" => Field::DidItOpenCivic,
        "diditopengovernmentpublicaccountability" => Field::DidItOpenAccountability,
        "earlyresults" => Field::EarlyResults,
        "potentialforresults" => Field::PotentialForResults,
        "verifiable" => Field::Verifiable,
        "opengovernmentlens" | "opengovlens" => Field::Lens,
        "promising" | "promisingcommitment" => Field::Promising,
        "starredcurrentformulaprogressreport" => Field::StarredMidterm,
        "starredcurrentformulaendofterm" => Field::StarredEnd,
        _ => return None,
    })
}

/// The stable slug of a policy area (`Environment & Climate` → `environment-climate`): what
/// a commitment's `policy_areas` holds.
pub(crate) fn policy_area_slug(heading: &str) -> String {
    super::slug(heading)
}

/// The published heading of a policy-area slug, when it is one of [`POLICY_AREAS`].
pub fn policy_area_heading(slug: &str) -> Option<&'static str> {
    POLICY_AREAS
        .iter()
        .copied()
        .find(|heading| policy_area_slug(heading) == slug)
}

/// The 171 headings of the database as OGP publishes it, in the published order: what
/// [`write`](super::write) writes.
pub const PUBLISHED: [&str; 171] = [
    "Commitment Unique Identifier",
    "Country/Locality",
    "Action Plan Number",
    "Commitment Number",
    "Code",
    "Region",
    "National Or Local",
    "Commitment Dummy",
    "Year Of Submission",
    "Action Plan End Year",
    "Action Plan Duration (Years)",
    "Theme",
    "Commitment Title",
    "Short Title",
    "Full Text",
    "Start Date",
    "End Date",
    "Lead Institution",
    "Supporting Institution(s)",
    "Anti-Corruption and Integrity",
    "Anti-corruption Institutions",
    "Anti-Corruption Strategies",
    "Asset Disclosure",
    "Audits",
    "Beneficial Ownership",
    "Conflicts Of Interest",
    "Elections",
    "Political Finance",
    "Lobbying",
    "Open Contracting",
    "Public Procurement",
    "Right To Information",
    "Whistleblower Protections",
    "Civic Space and Enabling Environment",
    "Freedom of Assembly",
    "Freedom of Association",
    "Freedom of Expression",
    "Democratizing Decision-Making",
    "Digital Participation",
    "Mainstreaming Participation",
    "Regulatory Governance",
    "Social Accountability",
    "Digital Governance",
    "Automated Decision-making",
    "Data Stewardship and Privacy",
    "Digital Inclusion",
    "Disinformation/Misinformation",
    "Online Civic Space",
    "Environment & Climate",
    "Climate Finance",
    "Climate Mitigation and Adaptation",
    "Environmental Regulation",
    "International Environmental Agreements",
    "Fiscal Openness",
    "Publication Of Budget/Fiscal Information",
    "Public Participation In Budget/Fiscal Policy",
    "Oversight Of Budget/Fiscal Policies",
    "Stimulus and Economic Recovery",
    "Tax",
    "Debt",
    "Inclusion",
    "Gender",
    "Gender-Based Violence",
    "Economic Inclusion",
    "LGBTQIA+",
    "People with Disabilities",
    "Youth",
    "Justice",
    "Access to Justice",
    "Open Justice",
    "Policing & Corrections",
    "Judiciary",
    "Open Parliaments",
    "Public Service Delivery",
    "Citizenship & Immigration",
    "Education",
    "Health & Nutrition",
    "Infrastructure & Transport",
    "Water & Sanitation",
    "Capacity Building",
    "Digital Transformation",
    "Legislation",
    "Regulation",
    "Legislative Oversight",
    "Open Data",
    "Public Participation",
    "Aid",
    "Energy",
    "Extractive Industries",
    "Land and Spatial Planning",
    "Media & Telecommunications",
    "Science & Technology",
    "Security & Public Safety",
    "Labor",
    "Private Sector",
    "Subnational",
    "Human Rights",
    "Open Parliament Plan",
    "Sustainable Development Goals",
    "Open Data (Water/Sanitation)",
    "Open Data (Health)",
    "Open Data (Education)",
    "Participation in Lawmaking",
    "Access to information",
    "Money in Politics",
    "Report Publication Year (Progress Report)",
    "Compound",
    "Cluster",
    "Specificity",
    "_Specificity",
    "Verifiable",
    "OGP Value Access To Information",
    "OGP Value Civic Participation",
    "OGP Value Public Accountability",
    "OGP Value Technology",
    "_Relevant",
    "Potential Impact",
    "_Potential Impact",
    "Completion (Progress Report)",
    "_CompletionProgress",
    "Starred (2015 Only)",
    "Starred (Current Formula) Progress Report",
    "Potential for Results",
    "_Potential for Results",
    "Cluster (AP Review)",
    "Cluster Commitment ID(s)",
    "Report Publication Year (End Of Term)",
    "Completion (End Of Term)",
    "_CompletionEndTerm",
    "Change In Completion",
    "_ChangeCompletion",
    "Early Results",
    "_Early Results",
    "Did It Open Government (Overall)",
    "_OpenGovernment",
    "Did It Open Government (Access To Information)",
    "_DIOGATI",
    "Did It Open Government (Civic Participation)",
    "_DIOGCP",
    "Did It Open Government: Public Accountability",
    "_DIOGPA",
    "Starred (Current Formula) End of Term",
    "Carried Forward",
    "Most Recently Assessed",
    "Star - Most Recently Assessed",
    "IRM Assessed",
    "Updated? (Website)",
    "Active Commitment",
    "Max star",
    "Ambition Assessed",
    "Comp Assessed",
    "DIOG Assessed",
    "Midterm Only",
    "Max Completion",
    "Raw Completion",
    "High Completion",
    "High Ambition",
    "High DIOG",
    "Ambitious and complete, or DIOG",
    "Ambitious but not complete",
    "Complete but not ambitious",
    "Not complete or ambitious",
    "Not reviewed",
    "CHECKSUM",
    "IRM-Based Score",
    "Binding constraint",
    "URL",
    "Latest IRM Report",
    "Subnational in NAPs",
    "Action Plan ID",
    "id",
];

/// The policy-area headings (columns 20–105 of the published layout, `Anti-Corruption and
/// Integrity` … `Money in Politics`): one column per area, `1` when the commitment addresses it.
pub const POLICY_AREAS: &[&str] = PUBLISHED.as_slice().split_at(19).1.split_at(86).0;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_ignore_case_spaces_and_punctuation() {
        assert_eq!(field("COMMITMENT  title"), Some(Field::Title));
        assert_eq!(field("Country / Locality"), Some(Field::Country));
        assert_eq!(field("year of submission"), Some(Field::SubmissionYear));
        assert_eq!(
            field("Did It Open Government: Public Accountability"),
            Some(Field::DidItOpenAccountability)
        );
        assert_eq!(
            field("OGP Value: Technology and Innovation for Transparency and Accountability"),
            Some(Field::Value(OgpValue::TechnologyAndInnovation))
        );
        assert_eq!(field("_Specificity"), None);
        assert_eq!(field("Starred"), None);
    }

    #[test]
    fn the_published_headings_are_distinct_and_policy_slugs_unique() {
        let mut seen: Vec<String> = PUBLISHED.iter().map(|h| norm(h)).collect();
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), PUBLISHED.len());
        let mut slugs: Vec<String> = POLICY_AREAS.iter().map(|h| policy_area_slug(h)).collect();
        slugs.sort();
        slugs.dedup();
        assert_eq!(slugs.len(), POLICY_AREAS.len());
        for &heading in POLICY_AREAS {
            assert_eq!(
                policy_area_heading(&policy_area_slug(heading)),
                Some(heading)
            );
            assert!(
                matches!(field(heading), Some(Field::PolicyArea(_))),
                "{heading}"
            );
        }
        assert_eq!(PUBLISHED.get(19), POLICY_AREAS.first());
        assert_eq!(PUBLISHED.get(104), POLICY_AREAS.last());
    }
}
