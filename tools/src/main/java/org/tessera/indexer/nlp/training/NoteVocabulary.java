package org.tessera.indexer.nlp.training;

import java.util.List;

/** Word lists the note generator fills templates with. Invented or common UK values only. */
final class NoteVocabulary {

    private NoteVocabulary() {
    }

    static final List<String> FIRST_NAMES = List.of(
            "Sarah", "Jade", "Kayleigh", "Chantelle", "Emma", "Lauren", "Amy", "Charlotte", "Sophie",
            "Olivia", "Amelia", "Isla", "Ava", "Mia", "Grace", "Lily", "Freya", "Poppy", "Evie",
            "Ruby", "Ella", "Chloe", "Megan", "Leah", "Holly", "Shannon", "Tegan", "Demi", "Paige",
            "Aaliyah", "Fatima", "Amira", "Zainab", "Aisha", "Priya", "Anjali", "Simran", "Maryam",
            "Agnieszka", "Katarzyna", "Oksana", "Ioana", "Precious", "Chidinma", "Abena", "Nia",
            "Siobhan", "Roisin", "Bethany", "Kerry", "Donna", "Tracey", "Nicola", "Michelle",
            "James", "Oliver", "Jack", "Harry", "George", "Noah", "Leo", "Alfie", "Charlie",
            "Freddie", "Archie", "Oscar", "Jacob", "Thomas", "Riley", "Tyler", "Kai", "Mason",
            "Callum", "Liam", "Connor", "Kieran", "Jordan", "Reece", "Brandon", "Dylan", "Lewis",
            "Mohammed", "Ahmed", "Yusuf", "Ibrahim", "Omar", "Arjun", "Rohan", "Harpreet",
            "Tomasz", "Piotr", "Andrei", "Dmitri", "Kwame", "Emeka", "Tunde", "Darnell",
            "Wayne", "Darren", "Lee", "Craig", "Gary", "Stuart", "Dean", "Shane", "Mark", "Paul",
            "Steven", "Michael", "David", "Christopher", "Daniel", "Matthew", "Ryan", "Jason",
            "Bailey", "Jayden", "Ellis", "Frankie", "Alex", "Sam", "Jamie", "Robyn");

    static final List<String> SURNAMES = List.of(
            "Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas",
            "Johnson", "Roberts", "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards",
            "Hughes", "Green", "Hall", "Lewis", "Harris", "Clarke", "Patel", "Jackson", "Wood",
            "Turner", "Martin", "Cooper", "Hill", "Ward", "Morris", "Moore", "Clark", "Lee", "King",
            "Baker", "Harrison", "Morgan", "Allen", "James", "Scott", "Phillips", "Watson", "Davis",
            "Parker", "Price", "Bennett", "Young", "Griffiths", "Mitchell", "Kelly", "Cook",
            "Carter", "Richardson", "Bailey", "Collins", "Bell", "Shaw", "Murphy", "Miller",
            "Cox", "Richards", "Khan", "Marshall", "Anderson", "Simpson", "Ellis", "Adams",
            "Singh", "Begum", "Wilkinson", "Foster", "Chapman", "Powell", "Webb", "Rogers",
            "Gray", "Mason", "Ali", "Hunt", "Hussain", "Campbell", "Matthews", "Owen", "Palmer",
            "Holmes", "Mills", "Barnes", "Knight", "Lloyd", "Butler", "Russell", "Barker",
            "Fisher", "Stevens", "Jenkins", "Dixon", "Fletcher", "Kowalski", "Nowak", "Wisniewski",
            "Popescu", "Okafor", "Adeyemi", "Mensah", "Osei", "Ahmed", "Rahman", "Chowdhury",
            "O'Brien", "McCarthy", "Doyle", "Fitzgerald", "Nguyen", "Da Silva", "Ferreira",
            "Haddad", "Kaur", "Gill", "Sharma", "Brennan", "Pearce", "Stone", "Lamb", "Fox");

    static final List<String> TOWNS = List.of(
            "Gloucester", "Cheltenham", "Stroud", "Tewkesbury", "Cirencester", "Lydney",
            "Cinderford", "Coleford", "Dursley", "Stonehouse", "Nailsworth", "Newent", "Ledbury",
            "Bristol", "Swindon", "Worcester", "Hereford", "Tetbury", "Wotton-under-Edge",
            "Bishop's Cleeve", "Quedgeley", "Tuffley", "Matson", "Hucclecote", "Churchdown",
            "Winchcombe", "Moreton-in-Marsh", "Chipping Campden", "Berkeley", "Thornbury",
            "Kingswood", "Longlevens", "Abbeydale", "Podsmead", "Barton", "Tredworth");

    static final List<String> STREET_NAMES = List.of(
            "Elm", "Oak", "Barton", "Victoria", "Church", "Station", "Park", "Mill", "London",
            "Bristol", "High", "Kingsholm", "Tredworth", "Severn", "Cotswold", "Linden",
            "Painswick", "Alma", "Albert", "Queen's", "Sherborne", "Melbourne", "Windsor",
            "Beaufort", "Churchill", "Hawthorn", "Willow", "Bramble", "Rowan", "Marlborough",
            "Stanley", "Conduit", "Millbrook", "Seymour", "Oxstalls", "Finlay", "Denmark",
            "Stratton", "Lansdown", "Hatherley", "Whaddon", "Saxon", "Cromwell", "Hampden");

    static final List<String> STREET_SUFFIXES = List.of(
            "Road", "Street", "Close", "Avenue", "Lane", "Drive", "Way", "Crescent", "Gardens",
            "Court", "Place", "Walk", "Grove", "Terrace", "Rise", "View", "Mews");

    static final List<String> HOUSE_NAMES = List.of(
            "Rose Cottage", "The Old Forge", "Orchard House", "Ivy Cottage", "Meadow View",
            "Brook House", "Hillside", "The Laurels", "Fern Lodge", "Church Farm");

    static final List<String> SCHOOLS = List.of(
            "Stroud Valley Primary School", "St Mary's C of E Primary", "Kingsholm Primary School",
            "Tredworth Junior School", "Severn Vale School", "Cheltenham Bournside School",
            "Beaufort Co-operative Academy", "Holy Trinity Catholic Primary", "Hatherley Infant School",
            "Barnwood Park School", "Churchdown Academy", "Tewkesbury Academy", "Archway School",
            "Dene Magna School", "Whitecross School", "Newent Community School",
            "St Peter's High School", "Linden Primary School", "Field Court Junior School",
            "Finlay Community School", "The Dean Academy", "Gloucester Academy",
            "Pittville School", "Rednock School", "Heron Primary School", "Oak Tree Nursery");

    static final List<String> SURGERIES = List.of(
            "Park Lane Surgery", "Rosebank Health", "Severnside Medical Practice",
            "Kingsway Health Centre", "The Vale Practice", "Stroud Valleys Family Practice",
            "Churchdown Surgery", "Hadwen Medical Practice", "Cheltenham Road Surgery",
            "Brockworth Surgery", "Mythe Medical Practice", "Matson Lane Surgery",
            "Forest Health Care", "Locking Hill Surgery", "Culverhay Surgery", "Overton Park Surgery");

    static final List<String> HOSPITALS = List.of(
            "Gloucestershire Royal Hospital", "Cheltenham General Hospital", "Stroud General Hospital",
            "Southmead Hospital", "Bristol Royal Hospital for Children", "Worcestershire Royal Hospital",
            "Wye Valley Hospital", "Great Western Hospital", "Tewkesbury Community Hospital",
            "Dilke Memorial Hospital");

    static final List<String> AGENCIES = List.of(
            "Gloucestershire Constabulary", "Women's Aid", "Barnardo's", "Turning Point",
            "Change Grow Live", "NSPCC", "Citizens Advice", "Young Gloucestershire",
            "Gloucestershire County Council", "Stroud District Council", "Gloucester City Council",
            "Gloucestershire Health and Care NHS Foundation Trust", "Action for Children",
            "The Nelson Trust", "GDASS", "Independence Trust", "Cheltenham Borough Homes",
            "Bromford Housing", "Avon and Somerset Police", "West Mercia Police", "Home-Start",
            "Infobuzz", "TIC+", "Families First", "Youth Support Team");

    static final List<String> OTHER_ORGS = List.of(
            "Stroud Children's Centre", "Harding & Co Solicitors", "Matson Family Centre",
            "Tuffley Children's Centre", "Willow Tree Nursery", "Little Acorns Pre-School",
            "Elmbridge Foodbank", "Gloucester Foodbank", "Hope House", "Riverside Contact Centre",
            "Kingfisher Treasure Seekers", "Aston Project", "St Mungo's", "The Door Youth Project");
}
