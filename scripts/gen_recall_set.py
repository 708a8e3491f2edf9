#!/usr/bin/env python3
"""Generates the recall benchmark set behind `mneme bench recall` (docs/benchmarks.md).

Several users chat with an assistant over ~14 months: many sessions, a few hundred turns each, about
cooking, travel, work, running, gadgets, books, the home, pets, family and money. Hidden in those
sessions are facts of the user's life (a dog's name, a hotel the assistant recommended, an allergy, a
quote for a renovation, a sister who moved...). Each fact has one question, asked later in a new
session, with the ids of the messages that hold its answer (its evidence; some questions need two
messages) and the answer strings. Filler turns reuse the questions' vocabulary on purpose (other hotels,
other restaurants, other books, the manager in every work chat), so that words alone do not give the
answer away.

The questions were written together with the conversations, before any recall tuning, and are not
changed to suit a method. Deterministic: the same seed gives byte-identical files.

Writes, under the output folder (default corpora/recall):
  users/<user>.jsonl   one transcript per user, in the `mneme history import` format
  questions.jsonl      {"id","user","kind","question","evidence":[[ids...],...],"answers":[...]}
                       evidence lists alternative sets: a question is answered when every message of
                       one set is in the prompt
  meta.json            {"seed","now","users","sessions","messages","questions"}

Usage: gen_recall_set.py [OUTPUT_DIR]
"""
import datetime
import json
import os
import random
import sys

SEED = 20261120
NOW = datetime.datetime(2026, 11, 20, 12, 0, tzinfo=datetime.timezone.utc)
USERS = 5
SESSIONS_PER_USER = 40
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]

FIRST_NAMES = ["Ada", "Boris", "Chen", "Dana", "Emil", "Farah", "Gustav", "Hana"]
CITIES_HOME = ["Leeds", "Lyon", "Utrecht", "Graz", "Porto", "Tampere", "Bologna", "Ghent"]
TRIP_CITIES = ["Kyoto", "Lisbon", "Seville", "Edinburgh", "Krakow", "Tallinn", "Naples", "Bergen", "Vienna",
               "Marrakesh", "Istanbul", "Copenhagen", "Prague", "Valencia", "Dubrovnik", "Budapest"]
HOTELS = ["Casa do Conto", "Hotel Gion Hatanaka", "The Balmoral Rooms", "Pension Zum Kreuz", "Villa Clementina",
          "Hotel Telegraaf", "Residenza del Pittore", "Maison Arbre", "The Old Mill Inn", "Hostal Luz de Luna",
          "Hotel Kampa Garden", "Riad Dar Anika", "Hotel Sorgenfri", "Palazzo Velli", "Hotel Mirador Sur",
          "Gastehaus Lindenhof", "Hotel Vesta", "Casa Azul Suites", "Hotel Brigitta", "The Harbour Loft"]
DISTRICTS = ["the old town", "the harbour district", "the university quarter", "the hills above the centre",
             "the market area", "the riverside"]
BREEDS = ["beagle", "border collie", "whippet", "dachshund", "spaniel", "labrador", "greyhound", "terrier mix"]
PET_NAMES = ["Biscuit", "Pepper", "Juno", "Miso", "Clementine", "Waffles", "Tilly", "Nugget", "Olive", "Pickles"]
ALLERGENS = ["shellfish", "peanuts", "sesame", "walnuts", "celery", "mustard", "kiwi", "soy"]
TRADES = [("roofer", "new roof"), ("builder", "kitchen extension"), ("plumber", "bathroom refit"),
          ("electrician", "rewiring of the flat"), ("carpenter", "fitted wardrobes"), ("glazier", "new windows"),
          ("landscaper", "back garden redesign")]
BOOKS = [("The Overstory", "Richard Powers", "trees and the people who fight for them"),
         ("Piranesi", "Susanna Clarke", "a man living in an endless house of statues"),
         ("Klara and the Sun", "Kazuo Ishiguro", "an artificial friend who watches a sick girl"),
         ("The Master and Margarita", "Mikhail Bulgakov", "the devil visiting Moscow"),
         ("Project Hail Mary", "Andy Weir", "a teacher who wakes up alone on a spaceship"),
         ("Middlemarch", "George Eliot", "marriage and ambition in a provincial town"),
         ("Stoner", "John Williams", "the quiet life of a university teacher"),
         ("The Left Hand of Darkness", "Ursula K. Le Guin", "an envoy on a frozen planet"),
         ("Pachinko", "Min Jin Lee", "a Korean family in Japan across four generations"),
         ("The Remains of the Day", "Kazuo Ishiguro", "an English butler looking back"),
         ("Lonesome Dove", "Larry McMurtry", "a cattle drive from Texas to Montana"),
         ("A Gentleman in Moscow", "Amor Towles", "a count under house arrest in a hotel"),
         ("The Name of the Rose", "Umberto Eco", "murders in a medieval abbey"),
         ("Cloud Atlas", "David Mitchell", "six stories nested across centuries")]
SISTERS = ["Marta", "Ines", "Lena", "Sofia", "Nadia", "Clara", "Vera", "Ilse"]
COMPANIES = ["Northwind", "Brightline Labs", "Osprey Logistics", "Calder & Finch", "Meridian Health",
             "Fjord Analytics", "Tessera Games", "Quayside Energy"]
JOB_ROLES = ["data engineer", "product manager", "UX designer", "project coordinator", "backend developer",
             "marketing lead", "financial analyst"]
MANAGERS = ["Priya Raman", "Tomasz Nowak", "Helen Okafor", "Jonas Berg", "Marisol Vega", "Kenji Sato",
            "Aoife Byrne", "Rafael Duarte"]
DEVICES = [("laptop", "shutting down when I unplug the charger", "shut down without the charger",
            "recalibrate the battery: charge to 100 %, run it down to 5 %, charge again",
            "reset the power management controller from the firmware menu", "calibrate", "an ageing battery"),
           ("router", "dropping the connection every evening", "dropped the connection",
            "move the router off the floor and switch the 5 GHz channel to 36",
            "update its firmware from the admin page", "channel to 36", "interference from the neighbours' networks"),
           ("phone", "getting hot while charging", "got hot while charging",
            "take it out of its case and use the original charger",
            "turn off optimised charging for a day and see if it changes", "original charger",
            "a cheap cable or a fast charger"),
           ("printer", "printing faded pages", "printed faded pages",
            "run the head-cleaning cycle twice from the maintenance menu",
            "replace the black cartridge even if it reports ink left", "head-cleaning",
            "dried ink in the print head"),
           ("washing machine", "stopping mid-cycle with an E21 code", "stopped with an E21 code",
            "clean the drain pump filter behind the small flap at the bottom front",
            "check that the drain hose is not kinked", "drain pump filter", "a blocked filter"),
           ("smartwatch", "losing its Bluetooth pairing", "lost its pairing",
            "unpair it, restart both devices and pair again with the phone's Bluetooth on",
            "clear the watch app's cache", "restart both", "a stale pairing record")]
RESTAURANTS = ["Osteria Lume", "Le Petit Verger", "Casa Fermin", "Brasserie Nord", "Kobo Dining", "The Fig Tree",
               "Trattoria Sole", "Maison Ardoise", "Bistro Tanne", "El Faro Azul", "Sakana-ya", "Taverna Irini"]
DISTANCES = ["10k", "half marathon", "marathon"]
RACES = ["city night run", "harbour half", "autumn classic", "spring marathon", "river trail race"]
MENUS = [("a beetroot tart to start, mushroom risotto as the main and a lemon posset", "mushroom risotto"),
         ("burrata with peaches, a big vegetable lasagne and a chocolate olive-oil cake", "vegetable lasagne"),
         ("gazpacho shots, an aubergine parmigiana and poached pears", "aubergine parmigiana"),
         ("a spring pea soup, a leek and gruyere galette and a rhubarb crumble", "leek and gruyere galette"),
         ("mezze to share, a slow-roasted squash with tahini and baklava", "slow-roasted squash")]
NUMBER_WORDS = ["six", "seven", "eight", "nine", "ten", "twelve"]

INGREDIENTS = ["chickpeas", "spinach", "feta", "leeks", "mushrooms", "tomatoes", "courgettes", "lentils", "eggs",
               "rice", "chicken thighs", "salmon", "potatoes", "halloumi", "shrimp", "peanuts", "sesame seeds",
               "walnuts", "tofu", "pasta"]
DISHES = ["curry", "risotto", "lasagne", "stew", "stir-fry", "soup", "frittata", "chilli", "pie", "salad"]
BAKES = ["sourdough", "cinnamon buns", "focaccia", "a lemon drizzle cake", "croissants"]
RELATIVES = ["brother", "mum", "dad", "sister", "best friend", "nephew", "grandmother"]
HOBBIES = ["gardening", "cycling", "photography", "cooking", "board games", "jazz", "hiking"]
ROOMS = ["kitchen", "bathroom", "living room", "hallway", "bedroom"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]

rng = random.Random(SEED)


def pick(seq):
    return rng.choice(seq)


def fill(template, **slots):
    return template.format(**slots)


# ---------------------------------------------------------------------------------------------------------
# Filler turns per topic: (user template, [assistant sentences]). Slots are filled per turn from the pools.

def filler_slots(user):
    months = MONTHS[:]
    city = pick([c for c in TRIP_CITIES if c not in user["event_cities"]])
    return dict(
        ing1=pick(INGREDIENTS), ing2=pick(INGREDIENTS), ing3=pick(INGREDIENTS), dish=pick(DISHES),
        bake=pick(BAKES), n=rng.randint(2, 10), m=rng.choice([10, 15, 20, 25, 30, 40, 45, 60]),
        city=city, month=pick(months), hotel=pick([h for h in HOTELS if h not in user["event_hotels"]]),
        district=pick(DISTRICTS), price=rng.choice([85, 95, 110, 120, 140, 160, 180]),
        relative=pick(RELATIVES), hobby=pick(HOBBIES), room=pick(ROOMS), weekday=pick(WEEKDAYS),
        home=user["home"], restaurant=pick([r for r in RESTAURANTS if r != user["restaurant"]]),
        book=pick(BOOKS)[0], author=pick(BOOKS)[1], dist=pick(DISTANCES), race=pick(RACES),
        minutes=rng.randint(44, 59), sq=rng.randint(12, 40), salary=rng.choice([2400, 2900, 3300, 3800, 4200]),
        device=pick(["tablet", "headphones", "e-reader", "TV", "dishwasher", "car stereo"]),
    )


FILLERS = {
    "cooking": [
        ("What can I cook tonight with {ing1}, {ing2} and some {ing3}?",
         ["A quick {dish} would work: soften the {ing1}, add the {ing2} and let it bubble for about {m} minutes.",
          "Finish with the {ing3} and a squeeze of lemon so it doesn't taste flat.",
          "If you want more protein, a tin of chickpeas or a couple of eggs go well with it.",
          "Serve it with rice or crusty bread and you have dinner in half an hour."]),
        ("My {dish} came out far too salty. Can I rescue it?",
         ["Usually yes. Add more of the unsalted base, water or stock, and simmer again.",
          "A peeled potato cooked in it absorbs a little salt, though less than people think.",
          "Acid helps the taste too: a spoon of vinegar or lemon juice makes salt less obvious.",
          "Next time season at the end, when the liquid has reduced."]),
        ("What's a good substitute for {ing1} in a {dish}?",
         ["It depends on what the {ing1} does in the dish: texture, flavour or bulk.",
          "For bulk, {ing2} is a good swap and cooks in about the same time.",
          "For flavour, a little miso or smoked paprika adds depth.",
          "Keep the quantities the same and taste before serving."]),
        ("I want to try baking {bake} this weekend. Any tips for a beginner?",
         ["Weigh everything instead of using cups, it makes baking far more predictable.",
          "Give the dough more time than the recipe says if your kitchen is cold.",
          "Your oven probably runs hot or cold: an oven thermometer costs little and helps a lot.",
          "And don't open the door in the first twenty minutes."]),
        ("Can you give me a shopping list for a {dish} for {n} people?",
         ["Here's a list for {n}: {ing1}, {ing2}, two onions, garlic, a tin of tomatoes, stock and fresh herbs.",
          "Add {ing3} if you want it richer, and bread or rice on the side.",
          "Most of it keeps, so buy the fresh herbs last.",
          "Count about {m} minutes of preparation and the same again on the stove."]),
        ("What's a nice dessert for a dinner party that I can make the day before?",
         ["A tiramisu or a lemon posset are both better made a day ahead.",
          "A chocolate olive-oil cake keeps well and needs no decoration.",
          "Poached pears are light after a heavy main and look elegant.",
          "Whatever you choose, take it out of the fridge half an hour before serving."]),
        ("Is it safe to freeze leftover {dish} with {ing1} in it?",
         ["Yes, most cooked dishes freeze well for two to three months.",
          "Cool it quickly, portion it, and label the boxes with the date.",
          "Dishes with shrimp or other shellfish are best eaten within a month of freezing.",
          "Thaw in the fridge overnight and reheat until piping hot."]),
        ("Do you have a peanut-free idea for a satay-style sauce?",
         ["Sunflower seed butter makes a very convincing satay sauce.",
          "Mix it with soy sauce, lime juice, a little maple syrup and chilli.",
          "Thin it with warm water until it coats a spoon.",
          "Check the labels, because some seed butters are made on lines that also handle peanuts and sesame."]),
    ],
    "travel": [
        ("I'm thinking of a long weekend in {city}. Is {month} a good time to go?",
         ["{month} is a reasonable time for {city}: fewer crowds than the summer and prices are lower.",
          "Pack layers, the evenings can be cool and it may rain.",
          "Book flights six to eight weeks ahead for the best fares.",
          "Three nights is enough to see the centre without rushing."]),
        ("Can you suggest a hotel in {city} close to the old town?",
         ["I'd look at {hotel}, a small hotel in {district} with good reviews for its breakfast.",
          "Doubles are usually around €{price} a night outside the peak season.",
          "If it's full, guesthouses in the same area are often cheaper and just as central.",
          "Check whether the rate includes the city tax."]),
        ("What's the cheapest way from the airport into the centre of {city}?",
         ["The airport bus or the train is almost always cheapest, usually under ten euros.",
          "It takes around {m} minutes to the main station.",
          "Taxis have a fixed fare from the airport in many cities, so ask before you get in.",
          "Buy the ticket at the machine, not on board, it's often cheaper."]),
        ("My flight to {city} was cancelled this morning. What are my rights?",
         ["In the EU, a cancellation gives you the choice between a refund and rebooking.",
          "If you were told less than two weeks before, you may also be owed compensation of up to 600 euros.",
          "Keep receipts for meals and hotels while you wait: the airline must cover them.",
          "Make the claim in writing and keep the booking reference."]),
        ("What should I pack for {n} days of hiking in {month}?",
         ["Good boots you have already worn in, two pairs of socks per day of walking, and a rain jacket.",
          "A light fleece, a hat, sun cream and a refillable bottle.",
          "Pack a small first-aid kit with blister plasters.",
          "Keep the pack under ten kilos if you carry it all day."]),
        ("Do I need to book museums in {city} in advance?",
         ["For the big museums, yes: timed tickets sell out in the high season.",
          "Smaller museums rarely need booking.",
          "Many have a free evening once a week, but those are crowded.",
          "A city pass pays off only if you visit three or more museums a day."]),
    ],
    "work": [
        ("My manager wants the quarterly report by {weekday}. How should I structure it?",
         ["Start with a one-paragraph summary: what went well, what didn't, what you need.",
          "Then the numbers, with one chart per key metric and a sentence on each.",
          "Keep risks and next steps at the end, each with an owner.",
          "Your manager will probably read only the first page, so put the decisions there."]),
        ("How do I politely say no to an extra project? I'm already overloaded.",
         ["Say yes to the person and no to the timing: explain what you're working on and what would slip.",
          "Offer a choice: which current task should move to make room?",
          "Put it in writing after the conversation so there's a record.",
          "Your manager can only protect your time if they know where it goes."]),
        ("I have a one-on-one with my manager tomorrow. What should I bring up?",
         ["Bring two or three concrete wins since the last meeting.",
          "Raise one thing that is blocking you and suggest a fix.",
          "Ask for feedback on one specific piece of work.",
          "If you want to talk about growth or salary, say so at the start so there's time."]),
        ("Can you draft a short email telling the team the planning meeting moves to {weekday}?",
         ["Here's a draft: Hi all, the planning meeting moves to {weekday} at the same time. The agenda stays the "
          "same; please add topics to the shared document by the day before. Thanks!",
          "Send it with the updated calendar invite so nobody has to search for it."]),
        ("How do I prepare for my performance review?",
         ["List your goals for the year and what you delivered against each.",
          "Collect evidence: numbers, feedback from colleagues, things you fixed.",
          "Think about one area where you want to grow and what support you need from your manager.",
          "Practise saying your achievements out loud, it feels awkward at first."]),
        ("Our team keeps missing deadlines. What can I suggest at the retro?",
         ["Look at where the time actually went in the last two sprints before proposing anything.",
          "Smaller tasks with clear owners usually help more than new tools.",
          "Agree to limit work in progress: finish before starting.",
          "Make one change at a time so the team can see whether it worked."]),
    ],
    "fitness": [
        ("I want to run a {dist} under {minutes} minutes per 10k pace. How should I train?",
         ["Three runs a week is a good base: one easy, one with intervals, one long.",
          "Increase the weekly distance by no more than ten percent.",
          "Every fourth week, cut back to recover.",
          "Practise your race pace in the long run's last few kilometres."]),
        ("My knee hurts after long runs. What should I do?",
         ["Rest it for a few days and switch to cycling or swimming if that doesn't hurt.",
          "Pain on the outside of the knee is often the IT band; strengthening the hips helps.",
          "Check your shoes: most running shoes are finished after 600 to 800 kilometres.",
          "If it still hurts after two weeks, see a physiotherapist."]),
        ("What should I eat before a race?",
         ["Eat a familiar, carbohydrate-rich breakfast two to three hours before the start.",
          "Porridge with banana or toast with honey work for most people.",
          "Avoid anything new on race day, including gels you haven't tried.",
          "Drink a little water, not litres."]),
        ("I signed up for the {race} in {month}. Is that enough time to get ready?",
         ["If you can already run 5 kilometres comfortably, yes.",
          "Build up the long run gradually and add one faster session a week.",
          "Plan a taper: the last ten days should be lighter.",
          "Do at least one long run at the time of day the race starts."]),
        ("Give me a 20-minute workout I can do at home without equipment.",
         ["Five rounds of: 40 seconds squats, 40 seconds push-ups, 40 seconds lunges, 40 seconds plank, "
          "40 seconds rest.",
          "Warm up with two minutes of marching and arm circles.",
          "Slow the movements down if it feels too easy.",
          "Stretch your hips and calves afterwards."]),
    ],
    "tech": [
        ("How do I back up the photos on my phone?",
         ["The simplest is the phone's own cloud backup, set to upload over Wi-Fi.",
          "Keep a second copy on a computer or an external drive once a month.",
          "Check the backup actually works by restoring one photo.",
          "Free plans fill up quickly, so look at the storage settings."]),
        ("My {device} is really slow since the last update. Any idea?",
         ["Updates often re-index things in the background for a day or two, so give it time.",
          "Restart it fully, not just standby.",
          "Check the storage: almost full storage makes most devices slow.",
          "If it doesn't improve, a factory reset usually helps, after a backup."]),
        ("How do I set up two-factor authentication properly?",
         ["Use an authenticator app rather than text messages where you can.",
          "Save the recovery codes somewhere safe, offline.",
          "Start with your email account: it can reset everything else.",
          "A password manager makes the whole thing far less painful."]),
        ("The Wi-Fi in the bedroom is really slow. What can I do?",
         ["Move the router up and away from walls and metal furniture.",
          "A mesh system or a powerline adapter helps in flats with thick walls.",
          "Check which channel the neighbours use and pick a free one.",
          "Run a speed test next to the router to see whether the line itself is the problem."]),
        ("Should I buy a new laptop or upgrade the old one?",
         ["If the old one is less than five years old, more memory and an SSD often make it feel new.",
          "A battery replacement costs far less than a new laptop.",
          "If it's older, or the screen and keyboard are worn, a new one is better value.",
          "Tell me what you use it for and I'll suggest specific models."]),
    ],
    "books": [
        ("Can you recommend a novel like {book}?",
         ["If you liked {book}, try something by {author}: similar mood, different setting.",
          "For something lighter, a good mystery might be a nice change.",
          "Your library probably has both as e-books.",
          "Tell me what you liked most about it and I'll narrow it down."]),
        ("I've been reading a lot less lately. How do I get back into books?",
         ["Start with short books or stories you can finish in a week.",
          "Keep the book where your phone usually is.",
          "Twenty pages before sleep adds up to a book a month.",
          "Abandon books you don't enjoy, life is short."]),
        ("Is {book} worth reading, or is it overrated?",
         ["It's worth it if you enjoy slow, careful novels; the first hundred pages are the hardest.",
          "People who expect a plot-driven story are often disappointed.",
          "Try a chapter in the bookshop before you buy it.",
          "The audiobook is also very good."]),
        ("What should we watch tonight? Something light, please.",
         ["A classic comedy is a safe bet for a tired evening.",
          "If you like series, a short British comedy you can finish in a weekend is ideal.",
          "Animated films are underrated for adults.",
          "Avoid anything with 'based on a true story' if you want light."]),
        ("Do you think audiobooks count as reading?",
         ["For enjoying a story, absolutely.",
          "Studies find comprehension is similar for most narrative books.",
          "For dense non-fiction, many people remember more from the page.",
          "Use whatever gets you through more books you love."]),
    ],
    "home": [
        ("How much paint do I need for a {room} of about {sq} square metres of wall?",
         ["A litre covers roughly ten square metres per coat, so about {sq} divided by ten, times two coats.",
          "Buy a little extra for touch-ups.",
          "Use a primer on new plaster or dark colours.",
          "Paint from the top down and keep a wet edge."]),
        ("How do I fix a dripping tap?",
         ["Turn off the water under the sink first.",
          "Most drips are a worn washer or cartridge, which costs a few euros.",
          "Take the old part to the shop so you buy the right size.",
          "If the tap is very old, replacing it may be easier."]),
        ("Our plumber quoted for a new boiler. How do I know if the price is fair?",
         ["Get two more quotes for the same model so you can compare like with like.",
          "Ask what's included: removal of the old boiler, flushing the system, the warranty.",
          "A longer warranty is often worth a slightly higher price.",
          "Check the installer's registration before signing anything."]),
        ("We're thinking about renovating the {room}. Where do we start?",
         ["Decide the budget first, and keep ten to fifteen percent aside for surprises.",
          "Then the layout: plumbing and electrics are the expensive parts to move.",
          "Get at least three quotes and compare them line by line.",
          "Plan the work order: electrics and plumbing, plastering, then flooring and painting."]),
        ("There's mould in the corner of the {room}. What should I do?",
         ["Clean it with a mould spray or diluted bleach, wearing gloves.",
          "Then find the cause: usually condensation from too little ventilation.",
          "Open windows briefly twice a day and keep furniture away from cold walls.",
          "If it keeps coming back, check for a leak."]),
    ],
    "pets": [
        ("How do I stop a dog pulling on the lead?",
         ["Stop walking the moment the lead goes tight, and continue when it's loose.",
          "Reward walking next to you with small treats.",
          "Short, frequent sessions work better than one long walk of training.",
          "A front-clip harness helps while you train."]),
        ("How often should a dog see the vet when everything seems fine?",
         ["Once a year for a check-up and vaccinations is usual for adult dogs.",
          "Puppies and older dogs need to go more often.",
          "Keep up with worm and flea treatment in between.",
          "Teeth are often overlooked, ask the vet to check them."]),
        ("Our neighbour's dog barks all night. What can I do?",
         ["Talk to the neighbour first, calmly; they may not know.",
          "Keep a diary of when it happens.",
          "If nothing changes, the council can help with noise complaints.",
          "Earplugs or white noise help in the meantime."]),
        ("Which human foods are dangerous for dogs?",
         ["Chocolate, grapes and raisins, onions and garlic, and anything with xylitol.",
          "Cooked bones can splinter.",
          "Macadamia nuts are toxic too.",
          "If your dog eats any of these, call the vet straight away."]),
        ("We're thinking about whether to adopt a second pet. Good idea?",
         ["It can be, if the first one is sociable and you have the time.",
          "Introduce them slowly, on neutral ground.",
          "Think about the costs: food, insurance and vet bills double.",
          "A shelter can help you find a good match."]),
    ],
    "family": [
        ("My {relative}'s birthday is coming up. Gift ideas for someone who loves {hobby}?",
         ["An experience often beats an object: a class or a day out around {hobby}.",
          "A good book about {hobby} with a personal note is a safe choice.",
          "Ask their friends what they mentioned wanting recently.",
          "Wrap it nicely, it matters more than people admit."]),
        ("Any restaurant ideas in {home} for my {relative}'s birthday dinner?",
         ["{restaurant} is a good choice for a birthday: relaxed, good food and they take larger tables.",
          "Book a week ahead for a weekend evening.",
          "Ask about a cake if you want to bring your own.",
          "A set menu makes splitting the bill easier."]),
        ("My {relative} is visiting {home} for a week. What can we do together?",
         ["Mix one planned outing a day with free time.",
          "A walking tour is a good first-day activity.",
          "Ask what they'd like to see, and plan one surprise.",
          "Rainy-day options: a museum, a cinema, a cooking class."]),
        ("How do I help my kid with maths homework without doing it for them?",
         ["Ask them to explain what they think the question is asking.",
          "Work through a similar example, then let them do theirs.",
          "Praise effort, not speed.",
          "If you don't know the method their school uses, ask the teacher."]),
        ("My sister and I keep arguing about how to care for our parents. Any advice?",
         ["Start by agreeing on the facts: what your parents need, and what they want.",
          "Split tasks by what each of you can realistically do, not by what's fair on paper.",
          "Meet regularly, even briefly, so small issues don't pile up.",
          "A family mediator can help if it gets stuck."]),
    ],
    "finance": [
        ("How much should I keep in an emergency fund?",
         ["Three to six months of essential spending is the usual advice.",
          "Keep it in an instant-access savings account, not invested.",
          "Build it before paying extra on low-interest debt.",
          "Top it up automatically every payday."]),
        ("Is it better to pay off the car loan early or invest the money?",
         ["Compare the loan's interest rate with a realistic return after tax.",
          "Paying off debt is a guaranteed return, investing isn't.",
          "Check whether the lender charges an early repayment fee.",
          "Keep your emergency fund intact either way."]),
        ("Help me make a monthly budget. I earn {salary} euros after tax.",
         ["Start with fixed costs: rent, bills, transport, insurance.",
          "A common split is 50 % needs, 30 % wants and 20 % savings.",
          "Track spending for one month before setting limits.",
          "Automate the savings so they happen first."]),
        ("Should I open a pension account now or wait until I earn more?",
         ["Now: time in the market matters more than the amount at the start.",
          "If your employer matches contributions, take the full match first.",
          "Low-cost index funds are a sensible default.",
          "Increase the contribution each time you get a raise."]),
    ],
}
TOPICS = list(FILLERS)


def filler_turn(user, topic):
    user_template, sentences = pick(FILLERS[topic])
    slots = filler_slots(user)
    count = rng.randint(2, len(sentences))
    chosen = sentences[:1] + rng.sample(sentences[1:], count - 1) if count > 1 else sentences[:1]
    reply = " ".join(fill(s, **slots) for s in chosen)
    return [("user", fill(user_template, **slots)), ("assistant", reply)]


# ---------------------------------------------------------------------------------------------------------
# Events: facts planted in specific turns, each with its question. A plant is (topic, [(role, text)], tag);
# tags name the messages that are evidence. Orders within an event (e.g. start then leave) are kept.

def events_for(user):
    events = []
    u = user
    # 1. The dog's name (user message).
    breed, pet = pick(BREEDS), pick(PET_NAMES)
    events.append(dict(
        kind="user-fact",
        plants=[("pets", [
            ("user", f"Big news: we adopted a {breed} puppy from the shelter on Saturday! "
                     f"The kids decided to call her {pet}.", "a"),
            ("assistant", f"Congratulations! A {breed} is a lovely companion but needs plenty of exercise. "
                          "For the first week keep the routine calm, show her where she sleeps and eats, and "
                          "book a vet check-up for vaccinations and a microchip.", None)])],
        question="What name did we give the dog we adopted?",
        evidence=[["a"]], answers=[pet]))
    # 2. The hotel the assistant recommended (assistant message).
    city, hotel = u["trip_city"], u["hotel"]
    month, nights = pick(MONTHS), rng.randint(3, 6)
    events.append(dict(
        kind="assistant-fact",
        plants=[("travel", [
            ("user", f"We're going to {city} for {nights} nights in {month}. Where would you stay?", "q"),
            ("assistant", f"For a first visit I'd pick {hotel}: it's in {pick(DISTRICTS)}, quiet at night and a "
                          f"short walk from the main sights. Book early, {month} is busy, and ask for a room "
                          "facing the courtyard. Doubles are usually around "
                          f"€{rng.choice([110, 130, 150, 170])}.", "a")])],
        question=f"Remind me, which hotel did you recommend for {city}?",
        evidence=[["a"]], answers=[hotel]))
    # 3. An allergy (user message; the assistant repeats it).
    allergen = u["allergen"]
    events.append(dict(
        kind="user-fact",
        plants=[("cooking", [
            ("user", f"Quick note before you suggest any more recipes: I'm allergic to {allergen}, "
                     "so please leave it out.", "a"),
            ("assistant", f"Noted. With a {allergen} allergy I'll keep it out of everything I suggest, and I'll "
                          "point out dishes where it often hides, like sauces and dressings.", "b")])],
        question="Which ingredient should I avoid because of my allergy?",
        evidence=[["a"], ["b"]], answers=[allergen]))
    # 4. A quote for work on the home (user message).
    trade, project = pick(TRADES)
    amount = f"{rng.randint(4, 29)},{rng.choice(['200', '450', '800', '950'])}"
    events.append(dict(
        kind="user-fact",
        plants=[("home", [
            ("user", f"The {trade} finally sent the quote for the {project}: {amount} euros including "
                     "materials. That's more than we hoped.", "a"),
            ("assistant", f"That's not unusual for a {project}, but ask for an itemised breakdown and get a "
                          "second quote before you sign. Check what's included and how long the guarantee "
                          "is.", None)])],
        question=f"How much did the {trade} quote us for the {project}?",
        evidence=[["a"]], answers=[amount]))
    # 5. Three books in three months; the question names the month of one of them.
    books = rng.sample(BOOKS, 3)
    asked = rng.randrange(3)
    plants = []
    for index, (title, author, theme) in enumerate(books):
        tag = "a" if index == asked else None
        plants.append(("books", [
            ("user", f"I'm reading {title} by {author} at the moment. It's about {theme}.", tag),
            ("assistant", f"{author} is a great choice. Let me know what you think when you've finished it; "
                          "if you like it, I can suggest what to read next.", None)]))
    events.append(dict(
        kind="temporal", plants=plants, ordered=True, month_of=asked,
        question="Which book was I reading in {month}?",
        evidence=[["a"]], answers=[books[asked][0]]))
    # 6. The sister moved twice; the question asks where she lives now.
    sister, first, second = u["sister"], *rng.sample([c for c in TRIP_CITIES if c != city], 2)
    events.append(dict(
        kind="update", ordered=True,
        plants=[("family", [
            ("user", f"My sister {sister} is moving to {first} next month for a new job.", None),
            ("assistant", "That's exciting for her! Moving for work is a big step; a visit once she's settled "
                          "would probably mean a lot.", None)]),
                ("family", [
            ("user", f"Update on my sister: {sister} left {first} and moved to {second} in the summer. "
                     "She loves it there.", "a"),
            ("assistant", "Good to hear she's happy! Two moves in a short time is a lot, so she's earned a "
                          "quieter year.", None)])],
        question="Which city does my sister live in now?",
        evidence=[["a"]], answers=[second]))
    # 7. Two messages months apart: how long at a company.
    company, role = u["company"], pick(JOB_ROLES)
    events.append(dict(
        kind="two-turn", ordered=True,
        plants=[("work", [
            ("user", f"First day at {company} today as a {role}! Nervous but excited.", "a"),
            ("assistant", "Congratulations! Take notes on names and systems, ask lots of questions and don't "
                          "expect to be productive in the first two weeks.", None)]),
                ("work", [
            ("user", f"I've decided to leave {company}. I handed in my notice this morning.", "b"),
            ("assistant", "That's a big decision. Keep the handover tidy and leave on good terms; people move "
                          "around more than you'd think.", None)])],
        question=f"How long did I work at {company} in the end?",
        evidence=[["a", "b"]], answers=[]))
    # 8. A dinner party planned over two exchanges in one session.
    guests, vegetarians = pick(NUMBER_WORDS), rng.choice(["two", "three"])
    menu, main = pick(MENUS)
    events.append(dict(
        kind="two-turn",
        plants=[("cooking", [
            ("user", "Can you help me plan a dinner party on Saturday?", None),
            ("assistant", "Happily! How many guests are coming, and does anyone have dietary restrictions?",
             None),
            ("user", f"{guests.capitalize()} people, and {vegetarians} of them are vegetarian.", "a"),
            ("assistant", f"Then I'd suggest this menu: {menu}. Everything except the {main} can be prepared "
                          "the day before.", "b")])],
        question="For the dinner party we planned, how many guests were coming and what menu did you suggest?",
        evidence=[["a", "b"]], answers=[guests, main]))
    # 9. The fix the assistant gave for a device (assistant message).
    device, problem, problem_past, fix1, fix2, key, cause = u["device"]
    events.append(dict(
        kind="assistant-fact",
        plants=[("tech", [
            ("user", f"My {device} keeps {problem}. It's driving me mad.", None),
            ("assistant", f"Let's try this in order: first, {fix1}. If that doesn't help, {fix2}. Most of the "
                          f"time the cause is {cause}.", "a")])],
        question=f"What did you tell me to try when my {device} {problem_past}?",
        evidence=[["a"]], answers=[key]))
    # 10. The manager's name (user message).
    manager = u["manager"]
    events.append(dict(
        kind="user-fact",
        plants=[("work", [
            ("user", f"My new manager, {manager}, wants status updates every Monday morning.", "a"),
            ("assistant", "A short weekly update is a good habit: three bullet points on progress, one on "
                          "blockers, one on next week.", None)])],
        question="What's the name of my new manager?",
        evidence=[["a"]], answers=[manager]))
    # 11. The anniversary restaurant (assistant message).
    restaurant = u["restaurant"]
    events.append(dict(
        kind="assistant-fact",
        plants=[("family", [
            ("user", f"Our anniversary is coming up. Any restaurant ideas in {u['home']} for a special dinner?",
             None),
            ("assistant", f"{restaurant} would be my pick: a tasting menu, a lovely terrace, and they bring a "
                          "dessert with a candle if you mention the occasion when you book.", "a")])],
        question="What was the restaurant you suggested for our anniversary?",
        evidence=[["a"]], answers=[restaurant]))
    # 12. Two race results months apart.
    distance = pick(DISTANCES)
    base = {"10k": 55, "half marathon": 125, "marathon": 275}[distance]
    first_time, best_time = base + rng.randint(5, 12), base - rng.randint(0, 4)
    def clock(minutes):
        return f"{minutes // 60}:{minutes % 60:02d}:00" if minutes >= 60 else f"{minutes}:00"
    events.append(dict(
        kind="two-turn", ordered=True,
        plants=[("fitness", [
            ("user", f"Did my first {distance} race today, finished in {clock(first_time)}. "
                     "My legs are destroyed.", "a"),
            ("assistant", "Well done on finishing! Walk a little today, eat well and take two or three easy "
                          "days before running again.", None)]),
                ("fitness", [
            ("user", f"New {distance} personal best at the {pick(RACES)}: {clock(best_time)}!", "b"),
            ("assistant", "Brilliant, all that training paid off. Enjoy it, and plan an easy week to "
                          "recover.", None)])],
        question=f"By how much did my {distance} time improve between my first race and my personal best?",
        evidence=[["a", "b"]], answers=[clock(first_time), clock(best_time)]))
    return events


def make_user(index):
    name = FIRST_NAMES[index]
    trip_city = TRIP_CITIES[(index * 3) % len(TRIP_CITIES)]
    hotel = HOTELS[(index * 7) % len(HOTELS)]
    return dict(
        id=f"u{index + 1}-{name.lower()}", name=name, home=CITIES_HOME[index], trip_city=trip_city, hotel=hotel,
        allergen=ALLERGENS[index % len(ALLERGENS)], sister=SISTERS[index], company=COMPANIES[index],
        manager=MANAGERS[index], device=DEVICES[index % len(DEVICES)], restaurant=RESTAURANTS[index],
        event_cities={trip_city}, event_hotels={hotel})


def iso(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def build_user(index):
    user = make_user(index)
    events = events_for(user)
    # Session days, oldest first, between 14 months and 2 days ago; each session starts between 8:00 and 22:00.
    days = sorted(rng.sample(range(2, 425), SESSIONS_PER_USER), reverse=True)
    starts = [NOW - datetime.timedelta(days=d) for d in days]
    starts = [s.replace(hour=rng.randint(8, 21), minute=rng.randint(0, 59)) for s in starts]
    sessions = [dict(start=s, topic=pick(TOPICS), plants=[]) for s in starts]
    # Assign plants to sessions: ordered events get increasing sessions; a session holds at most two plants.
    free = list(range(SESSIONS_PER_USER))
    for event_index, event in enumerate(events):
        count = len(event["plants"])
        while True:
            chosen = sorted(rng.sample(range(SESSIONS_PER_USER), count))
            if event.get("kind") == "temporal":
                months = {(sessions[c]["start"].year, sessions[c]["start"].month) for c in chosen}
                if len(months) < count:
                    continue
                # Three books, three months, none of them the month of another book mention.
            if all(len(sessions[c]["plants"]) < 2 for c in chosen) and len(set(chosen)) == count:
                break
        for plant_index, session_index in enumerate(chosen):
            sessions[session_index]["plants"].append((event_index, plant_index))
            sessions[session_index]["topic"] = event["plants"][plant_index][0]
    lines, tags = [], {}
    for session_index, session in enumerate(sessions):
        turns = [filler_turn(user, session["topic"]) for _ in range(rng.randint(2, 7))]
        for event_index, plant_index in session["plants"]:
            position = rng.randint(0, len(turns))
            turns.insert(position, ("plant", event_index, plant_index))
        moment = session["start"]
        session_id = f"{user['id']}-s{session_index + 1:02d}"
        number = 0
        for turn in turns:
            if turn[0] == "plant":
                _, event_index, plant_index = turn
                messages = events[event_index]["plants"][plant_index][1]
            else:
                event_index = None
                messages = [(role, text, None) for role, text in turn]
            for role, text, tag in messages:
                number += 1
                message_id = f"{session_id}-m{number:02d}"
                moment += datetime.timedelta(seconds=rng.randint(20, 150))
                lines.append(dict(session=session_id, role=role, content=text, created_at=iso(moment),
                                  external_id=message_id))
                if tag is not None:
                    tags[(event_index, tag)] = message_id
                    if events[event_index]["kind"] == "temporal":
                        events[event_index]["asked_month"] = MONTHS[session["start"].month - 1]
    questions = []
    contents = {line["external_id"]: line["content"] for line in lines}
    for event_index, event in enumerate(events):
        evidence = [[tags[(event_index, tag)] for tag in option] for option in event["evidence"]]
        for option in evidence:
            held = " ".join(contents[message] for message in option).lower()
            missing = [answer for answer in event["answers"] if answer.lower() not in held]
            assert not missing, f"{user['id']} event {event_index + 1}: {missing} not in its evidence"
        text = event["question"]
        if event["kind"] == "temporal":
            text = text.format(month=event["asked_month"])
        questions.append(dict(id=f"{user['id']}-q{event_index + 1:02d}", user=user["id"], kind=event["kind"],
                              question=text, evidence=evidence, answers=event["answers"]))
    return user, lines, questions


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "corpora", "recall")
    os.makedirs(os.path.join(out, "users"), exist_ok=True)
    all_questions, total_messages, total_sessions = [], 0, 0
    users = []
    for index in range(USERS):
        user, lines, questions = build_user(index)
        users.append(user["id"])
        with open(os.path.join(out, "users", f"{user['id']}.jsonl"), "w", encoding="utf-8") as handle:
            for line in lines:
                handle.write(json.dumps(line, ensure_ascii=False) + "\n")
        total_messages += len(lines)
        total_sessions += len({line["session"] for line in lines})
        all_questions += questions
    with open(os.path.join(out, "questions.jsonl"), "w", encoding="utf-8") as handle:
        for question in all_questions:
            handle.write(json.dumps(question, ensure_ascii=False) + "\n")
    with open(os.path.join(out, "meta.json"), "w", encoding="utf-8") as handle:
        json.dump(dict(seed=SEED, now=iso(NOW), users=users, sessions=total_sessions, messages=total_messages,
                       questions=len(all_questions)), handle, indent=2)
        handle.write("\n")
    print(f"{len(users)} users, {total_sessions} sessions, {total_messages} messages, "
          f"{len(all_questions)} questions -> {out}")


if __name__ == "__main__":
    main()
