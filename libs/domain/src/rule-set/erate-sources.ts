/**
 * The public sources the E-Rate rules follow, by their public names, so an auditor can look each one
 * up. Rules and rule sets cite these; no citation names a file of this repository.
 */
export const ERATE_SOURCES = {
  freeServicesAdvisory:
    'USAC Free Services Advisory (Schools and Libraries Program, Step 1 Competitive Bidding, updated September 2015)',
  calculatingDiscountRates: 'USAC FAQ "Calculating Discount Rates"',
  categoryTwoBudgetPage: 'USAC "Category Two Budgets" page',
  c2BudgetTool: 'USAC Category Two Budget Tool glossary ("child entity count")',
  categoryTwoOrder: 'FCC 19-117 (Category Two Report and Order, December 3, 2019)',
  tribalOrder: 'FCC 2023 Tribal Order (DA 23-56), Tribal library funding floor',
  fy2026Notice:
    'FCC Wireline Competition Bureau Public Notice of June 4, 2025 (FY2026–2030 Category Two budget multipliers and floor)',
  modernizationOrder: 'FCC 14-99 (E-Rate Modernization Order)',
  secondModernizationOrder: 'FCC 14-189 (Second E-Rate Modernization Order)',
  stateMatchPage: 'USAC "Additional Discount to Match State/Tribal Funding for Special Construction"',
  documentRetention: 'USAC "Document Retention" page',
  invoiceExtensions: 'USAC "Invoice Deadline Extensions"',
  giftRules: 'USAC "Gift Rules" (Competitive Bidding)',
  giftOrder: 'FCC 10-175 (Sixth Report and Order, gift rules) and DA 10-2355 (gift rules clarification)',
  form486:
    'FCC Form 486 (Receipt of Service Confirmation and Children’s Internet Protection Act Certification Form), CIPA certifications',
  subpartF: '47 CFR Part 54, Subpart F (Universal Service Support for Schools and Libraries)',
} as const;

/** A section of 47 CFR Part 54, Subpart F, by its public name. */
export const cfr = (section: string): string => `47 CFR § ${section} (Part 54, Subpart F)`;
