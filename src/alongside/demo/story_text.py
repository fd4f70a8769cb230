"""Phrases for the synthetic story. Written for the demo; about no one real."""

VISIT_SUMMARIES = [
    "Home visit after school",
    "Planned home visit",
    "Unannounced home visit",
    "Visit with the family network",
    "Evening visit to see everyone at home",
    "Visit to talk through the plan",
]
VISIT_BODIES = [
    "The home was warm and tidy. {child} showed me their bedroom and the new bed that arrived this week.",
    "{child} was watching television with their brother when I arrived. Mum said mornings have been calmer.",
    "We talked about how the week had gone. Mum said the new routine at bedtime is helping.",
    "Grandma was there to help with tea. She is picking {child} up from school on Tuesdays now.",
    "There was little food in the cupboards. We made a referral to the food bank together.",
    "Dad was not at home. Mum said he has not visited since the weekend and she does not know where he is staying.",
    "{child} was quiet at first and then wanted to show me a drawing from school.",
    "We went through the safety plan together and Mum agreed to ring her sister if things get difficult.",
]
DIRECT_WORK = {
    "three_houses": [
        "My worry house has shouting in it. My good things house has my dog and my nan. My dream house is by the sea.",
        "I worry when mum is sad. Good things: football on Saturday. Dreams: a bigger bedroom.",
    ],
    "wishes_and_feelings": [
        "I want to see my dad more but not when he has been drinking.",
        "I like it at school because my teacher listens. I don't like it when I have to go to bed early.",
        "I feel safe at nan's. I want to live with mum when she is better.",
    ],
    "life_story": [
        "This is me when I was a baby. I lived in a flat with mum. Then I came to live with Sarah and Jo.",
        "I want to know why I couldn't stay at home. I want to keep the photos of my brother.",
    ],
    "words_and_pictures": ["I drew my family. I put the dog in the middle because he is the most important."],
    "ecomap": ["Close to me: nan, my teacher Miss Khan, my friend Leo. Far away: dad."],
}
FAMILY_WORDS = [
    "We want the social worker to know we are trying. The mornings are better now.",
    "I don't agree that the house is unsafe. I have fixed the stairgate and the lock on the window.",
    "Thank you for helping us with the housing letter.",
]

GOALS = [
    ("We want the shouting at home to stop so {child} can sleep", "{child} is tired at school and scared at night"),
    ("{child} gets to school every day, on time", "School is where {child} sees friends and feels good"),
    ("Mum feels well enough to look after the children every day", "When Mum is unwell nobody makes tea"),
    ("The house is safe and clean for a baby", "{child} is crawling and things on the floor are dangerous"),
    ("{child} knows who to call if they feel unsafe", "{child} said they did not know what to do last time"),
    ("Dad only sees the children when he is sober", "{child} is frightened when Dad has been drinking"),
]
ACTIONS = [
    ("Go to the drinking service every Tuesday", "family", "Dad"),
    ("Pick {child} up from school on Mondays and Wednesdays", "network", "Nan"),
    ("Ring the worker if things get difficult at home", "family", "Mum"),
    ("Arrange a referral to the family support service", "worker", ""),
    ("Tell the worker if {child} seems tired or upset in class", "partner", ""),
    ("Make a safety card with {child} with three people to call", "worker", ""),
    ("Book a GP appointment about Mum's low mood", "family", "Mum"),
]
SAFETY_PLANS = [
    "If Dad has been drinking he does not come to the house. Nan has the children overnight.",
    "If Mum feels unwell she rings her sister, who comes round within the hour.",
]

# Strengths-and-risks assessments: what the worker writes, in the words workers use.
PAST_HARM = [
    "Police were called to the home twice this year after arguments between the parents; {child} was in the house.",
    "{child} came to school hungry and in the same clothes for a week; there was no food in the house at the visit.",
    "{child} had a bruise to the upper arm that was not explained.",
]
FUTURE_DANGER = [
    "We are worried that if the arguments carry on {child} will be hurt, or will keep living with fear every day.",
    "We are worried that {child} will not have enough to eat or be kept clean and warm if Mum's low mood continues.",
]
COMPLICATING = [
    "Dad's drinking; debts and a possible eviction; Mum has few people she trusts.",
    "Mum's low mood and anxiety; the family moved twice this year; English is Dad's second language.",
]
STRENGTHS = [
    "Mum and {child} are close and laugh together. Nan lives nearby and helps most days.",
    "Both parents love {child} and came to every meeting. {child} is doing well at school and has good friends.",
]
EXISTING_SAFETY = [
    "Nan has the children overnight when Dad has been drinking; this has happened three times and worked each time.",
    "Mum rings her sister when she feels low; the school nurse checks in with {child} each week.",
]
NEEDS_TO_HAPPEN = [
    "A safety plan the whole family network has agreed, and Dad working with the drinking service.",
    "Mum to see her GP about her mood; a family support worker for the mornings; the house made safe for a baby.",
]
CHILD_VIEW = [
    "{child} drew their three houses. Worry house: 'when mum and dad shout and I hide upstairs'. "
    "Good house: 'going to nan's and making cakes'. Dream house: 'everyone is happy and nobody shouts'.",
    "{child} said: 'I like it when mum takes me to the park. I don't like it when there's no breakfast.'",
]
BABY_VIEW = (
    "{child} is a baby and cannot tell us. Observed on three visits: {child} settles quickly with Mum, "
    "makes eye contact and is feeding well; the nappy was changed promptly."
)
SCORE_MEANINGS = {
    "worker": "Things are safer than at the referral, but the safety plan has not been tested for long.",
    "parent": "We are trying hard and things are better than they were.",
    "child": "Sometimes it's good and sometimes it's scary.",
}

# The administration around a family between visits, for the time-spent figures: calls and messages,
# case notes, the longer writing a worker does (reports, assessments) and the manager's oversight.
CONTACT_SUMMARIES = {
    "phone": [
        "Call with Mum to arrange the visit",
        "Call with school about attendance",
        "Call with the health visitor",
    ],
    "video": ["Video call with Dad, who works away", "Video call with the family network"],
    "text": ["Text to Mum to confirm the visit", "Text from Mum: the children are at Nan's tonight"],
    "email": ["Email from school: attendance this half-term", "Email to housing about the repairs"],
}
CASE_NOTES = [
    ("Checks with police and health", "No new police call-outs. The GP has seen Mum about her mood."),
    ("Referral to the family support service", "Referral sent with the family's agreement."),
    ("Chased the housing repair", "Housing say the damp will be treated within four weeks."),
    ("Food bank voucher", "Voucher arranged with Mum's agreement; she will collect it on Friday."),
    ("School attendance checked", "{child}'s attendance this month is 93%."),
]
WRITING_TASKS = [
    ("Report for the review conference", "Report written and shared with the family before the conference."),
    ("Assessment written up", "The assessment is written up with the family's views and the child's own words."),
    ("Chronology brought up to date", "Chronology checked against the story and brought up to date."),
    ("Statement for court", "First draft of the statement for the legal gateway meeting."),
]
OVERSIGHT = [
    (
        "Management oversight: plan reviewed",
        "Reviewed the plan and the last visits with the worker. The plan is working; keep the visits as they are.",
    ),
    ("Management oversight: next steps agreed", "Agreed the next steps with the worker and the date to review them."),
]
