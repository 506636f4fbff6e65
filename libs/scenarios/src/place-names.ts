/** Town-like names for generated applicants; combined with an index, so names repeat but streams never do. */
export const PLACE_NAMES: readonly string[] = [
  'Cedar Creek', 'Pine Hollow', 'Red River', 'Bluebonnet', 'Mesa Verde', 'Oak Grove', 'Prairie View', 'Lone Oak', 'Clear Lake', 'Stone Ridge',
  'Willow Bend', 'Coyote Flats', 'Magnolia', 'Pecan Valley', 'Sandy Point', 'Eagle Pass', 'Riverside', 'Cypress Mill', 'Granite Falls', 'Maple Heights',
  'Harbor View', 'Silver Lake', 'Elm Fork', 'Three Rivers', 'Fairview', 'Brookside', 'Highland Park', 'Mill Creek', 'Sunset Valley', 'Twin Oaks',
  'Deer Park', 'Hickory Hill', 'Blue Ridge', 'Spring Branch', 'Canyon Lake', 'Walnut Springs', 'Bay City', 'Green Meadow', 'Rock Island', 'Lakewood',
];
