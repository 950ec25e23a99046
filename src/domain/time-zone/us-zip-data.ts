import type { UsStateCode } from './us-states';

/**
 * [first ZIP3, last ZIP3, state]. Ranges may include a few unassigned prefixes; those can only come
 * from typos, and the surrounding state is the best guess for them anyway.
 */
export const ZIP3_STATES: readonly (readonly [number, number, UsStateCode])[] = [
  [5, 5, 'NY'], [6, 7, 'PR'], [8, 8, 'VI'], [9, 9, 'PR'],
  [10, 27, 'MA'], [28, 29, 'RI'], [30, 38, 'NH'], [39, 49, 'ME'], [50, 54, 'VT'], [55, 55, 'MA'],
  [56, 59, 'VT'], [60, 69, 'CT'], [70, 89, 'NJ'], [90, 98, 'AE'], [100, 149, 'NY'], [150, 196, 'PA'],
  [197, 199, 'DE'], [200, 200, 'DC'], [201, 201, 'VA'], [202, 205, 'DC'], [206, 219, 'MD'],
  [220, 246, 'VA'], [247, 268, 'WV'], [270, 289, 'NC'], [290, 299, 'SC'], [300, 319, 'GA'],
  [320, 339, 'FL'], [340, 340, 'AA'], [341, 349, 'FL'], [350, 369, 'AL'], [370, 385, 'TN'],
  [386, 397, 'MS'], [398, 399, 'GA'], [400, 427, 'KY'], [430, 459, 'OH'], [460, 479, 'IN'],
  [480, 499, 'MI'], [500, 528, 'IA'], [530, 549, 'WI'], [550, 567, 'MN'], [569, 569, 'DC'],
  [570, 577, 'SD'], [580, 588, 'ND'], [590, 599, 'MT'], [600, 629, 'IL'], [630, 658, 'MO'],
  [660, 679, 'KS'], [680, 693, 'NE'], [700, 714, 'LA'], [716, 729, 'AR'], [730, 731, 'OK'],
  [733, 733, 'TX'], [734, 749, 'OK'], [750, 799, 'TX'], [800, 816, 'CO'], [820, 831, 'WY'],
  [832, 838, 'ID'], [840, 847, 'UT'], [850, 865, 'AZ'], [870, 884, 'NM'], [885, 885, 'TX'],
  [889, 898, 'NV'], [900, 961, 'CA'], [962, 966, 'AP'], [967, 968, 'HI'], [969, 969, 'GU'],
  [970, 979, 'OR'], [980, 994, 'WA'], [995, 999, 'AK'],
];

const ET = 'America/New_York';
const CT = 'America/Chicago';
const MT = 'America/Denver';
const PT = 'America/Los_Angeles';
const INDY = 'America/Indiana/Indianapolis';
const LOUISVILLE = 'America/Kentucky/Louisville';

/**
 * ZIP3s of split states that are not on the state's main zone, or that straddle the line.
 * [first, last, zone, assumed]; assumed = the prefix spans two zones and `zone` is where most of
 * its people live. Only a fallback: a ZIP in postal-zones.generated.ts gets the zone at its centre.
 */
export const ZIP3_ZONES: readonly (readonly [number, number, string, boolean])[] = [
  [324, 324, CT, true], // Gulf County: Port St. Joe is Eastern, Wewahitchka Central
  [325, 325, CT, false], // Pensacola
  [368, 368, CT, true], // Auburn/Opelika Central; Phenix City, Valley, Lanett live on Eastern
  [373, 373, ET, true], // Cleveland/Athens Eastern; Tullahoma, Winchester, Jasper Central
  [374, 374, ET, false], // Chattanooga
  [376, 379, ET, false], // Tri-Cities, Knoxville
  [400, 400, LOUISVILLE, false],
  [401, 401, LOUISVILLE, true], // Breckinridge County is Central
  [402, 402, LOUISVILLE, false],
  [420, 424, CT, false], // Paducah, Bowling Green, Owensboro, Henderson
  [426, 427, ET, true], // Somerset/Elizabethtown areas reach into Central Russell, Adair, Hart...
  [463, 464, CT, false], // Gary, Lake County
  [465, 465, INDY, true], // South Bend area; Starke County is Central
  [475, 475, INDY, true], // Jasper/Vincennes area; Perry and Spencer counties are Central
  [476, 477, CT, false], // Evansville
  [479, 479, INDY, true], // Lafayette area; Newton and Jasper counties are Central
  [498, 499, 'America/Detroit', true], // Upper Peninsula: Menominee, Dickinson, Iron, Gogebic are Central
  [575, 575, CT, true], // Pierre area; Haakon, Jackson, Bennett counties are Mountain
  [576, 576, MT, true], // Corson, Dewey, Ziebach, Perkins are Mountain; Mobridge is Central
  [577, 577, MT, false], // Rapid City
  [585, 585, CT, true], // Bismarck area; Grant and Sioux counties are Mountain
  [586, 586, MT, false], // Dickinson
  [588, 588, CT, true], // Williston area; southern McKenzie County is Mountain
  [677, 678, CT, true], // Colby/Dodge City areas; Sherman, Wallace, Greeley, Hamilton are Mountain
  [690, 692, CT, true], // McCook/North Platte/Valentine areas reach into Mountain counties
  [693, 693, MT, false], // Scottsbluff, Alliance, Chadron
  [798, 798, MT, true], // El Paso County towns; Big Bend counties (Alpine, Marfa) are Central
  [799, 799, MT, false], // El Paso
  [835, 835, PT, false], // Lewiston
  [838, 838, PT, false], // Coeur d'Alene, Moscow, Sandpoint
  [860, 860, 'America/Phoenix', true], // Flagstaff; western Navajo Nation (Tuba City) observes DST
  [865, 865, MT, true], // Navajo Nation (Window Rock, Chinle) observes DST
  [885, 885, MT, false], // El Paso
  [979, 979, 'America/Boise', true], // Ontario/Malheur County; Drewsey and Durkee are Pacific
];

/** Freely associated states and territories that share the 967/969 prefixes. [first, last, state, zone] */
export const ZIP5_TERRITORIES: readonly (readonly [number, number, UsStateCode, string])[] = [
  [96799, 96799, 'AS', 'Pacific/Pago_Pago'],
  [96939, 96940, 'PW', 'Pacific/Palau'],
  [96941, 96941, 'FM', 'Pacific/Pohnpei'],
  [96942, 96943, 'FM', 'Pacific/Chuuk'], // Chuuk, Yap
  [96944, 96944, 'FM', 'Pacific/Kosrae'],
  [96950, 96952, 'MP', 'Pacific/Saipan'],
  [96960, 96960, 'MH', 'Pacific/Majuro'],
  [96970, 96970, 'MH', 'Pacific/Kwajalein'], // Ebeye
];
